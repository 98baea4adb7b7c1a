import { useEffect, useRef, useState } from 'react';

/** Why the document camera cannot be shown, in words the panel translates (`scan.camera_<reason>`). */
export type CameraProblem = 'none' | 'denied' | 'busy' | 'unsupported' | 'failed';

export type CameraState =
  | { state: 'starting' }
  | { state: 'live'; width: number; height: number; label: string }
  | { state: 'problem'; problem: CameraProblem; message: string };

/**
 * Asked for: as many pixels as a document camera (高拍仪) gives, typically 8 or 13 megapixels at
 * 4:3. `ideal` never fails on a smaller camera: the browser picks its largest mode nearest to this,
 * and the track's settings then say what it really is.
 */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { width: { ideal: 4096 }, height: { ideal: 3072 } },
};

function problemOf(err: unknown): CameraProblem {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'none';
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * The document camera while the capture view is open: the stream starts when it opens, and every
 * track is stopped when it closes (the camera's light goes off), whichever way it closes.
 */
export function useCamera(video: React.RefObject<HTMLVideoElement | null>): CameraState {
  const [camera, setCamera] = useState<CameraState>(() =>
    typeof navigator.mediaDevices?.getUserMedia === 'function' ? { state: 'starting' } : { state: 'problem', problem: 'unsupported', message: '' },
  );
  const held = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return;
    let open = true;
    const el = video.current; // rendered with the view that holds this hook, so there from the start
    navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS).then(
      async (stream) => {
        if (!open) {
          for (const t of stream.getTracks()) t.stop();
          return;
        }
        held.current = stream;
        const track = stream.getVideoTracks()[0];
        const settings = track?.getSettings() ?? {};
        if (el) {
          el.srcObject = stream;
          await el.play().catch(() => undefined); // muted and inline: plays without a gesture
        }
        if (!open) return;
        setCamera({ state: 'live', width: settings.width ?? el?.videoWidth ?? 0, height: settings.height ?? el?.videoHeight ?? 0, label: track?.label ?? '' });
      },
      (err: unknown) => {
        if (open) setCamera({ state: 'problem', problem: problemOf(err), message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      },
    );
    return () => {
      open = false;
      for (const t of held.current?.getTracks() ?? []) t.stop();
      held.current = null;
      if (el) el.srcObject = null;
    };
  }, [video]);

  return camera;
}

/**
 * The frame on screen at the camera's full resolution (the video's intrinsic size, not the size it
 * is shown at), as a JPEG at quality 0.92: sharp enough for small print, a few MB at most.
 */
export function captureFrame(video: HTMLVideoElement, quality = 0.92): Promise<{ blob: Blob; width: number; height: number }> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx || width === 0 || height === 0) return Promise.reject(new Error('The camera has no picture yet.'));
  ctx.drawImage(video, 0, 0, width, height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve({ blob, width, height }) : reject(new Error('The frame could not be encoded.'))), 'image/jpeg', quality);
  });
}
