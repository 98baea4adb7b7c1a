import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Key } from '../../i18n/keys.js';
import { Kbd } from '../../ui/Kbd.js';
import { captureFrame, useCamera, type CameraProblem } from './useCamera.js';

const PROBLEM_TEXT: Readonly<Record<CameraProblem, Key>> = {
  none: 'scan.camera_none',
  denied: 'scan.camera_denied',
  busy: 'scan.camera_busy',
  unsupported: 'scan.camera_unsupported',
  failed: 'scan.camera_failed',
};

/**
 * 高拍仪: the document camera's live picture; Space (or Enter, or C again) takes the page at the
 * camera's full resolution into the batch, and the view stays open for the next page; Esc closes it
 * and the camera is switched off. No camera, or no permission, is said plainly.
 */
export function CameraView({ onCapture, onClose }: { onCapture: (blob: Blob, width: number, height: number) => Promise<void>; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const camera = useCamera(video);
  const [taking, setTaking] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  // Space on the focused button is a key and a click: one frame, not two.
  const busy = useRef(false);

  useEffect(() => {
    box.current?.focus();
  }, []);

  async function take(): Promise<void> {
    if (busy.current || camera.state !== 'live' || !video.current) return;
    busy.current = true;
    setTaking(true);
    setFailed(null);
    try {
      const frame = await captureFrame(video.current);
      await onCapture(frame.blob, frame.width, frame.height);
    } catch (err) {
      setFailed((err as Error).message);
    } finally {
      busy.current = false;
      setTaking(false);
    }
  }

  function onKeyDown(e: React.KeyboardEvent): void {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const onButton = e.target instanceof HTMLButtonElement;
    if (e.key === 'Escape') onClose();
    else if (e.key === ' ' || e.code === 'KeyC' || (e.key === 'Enter' && !onButton)) void take();
    else return;
    e.preventDefault(); // handled: the intake under it leaves a handled Esc alone
  }

  return (
    <div className="modal-backdrop">
      <div className="dialog camera-view" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} tabIndex={-1} ref={box} onKeyDown={onKeyDown} data-testid="camera-view">
        <div className="page-preview-head">
          <h3 id={`${id}-title`}>{t('scan.cameraTitle')}</h3>
          {camera.state === 'live' && (
            <span className="field-hint" data-testid="camera-resolution" data-width={camera.width} data-height={camera.height}>
              {t('scan.cameraResolution', { width: camera.width, height: camera.height })}
              {camera.label && ` · ${camera.label}`}
            </span>
          )}
        </div>
        <div className="camera-body">
          <video ref={video} muted playsInline autoPlay hidden={camera.state === 'problem'} data-testid="camera-video" />
          {camera.state === 'starting' && (
            <p className="empty" role="status">
              <span className="spinner" aria-hidden="true" /> {t('scan.cameraStarting')}
            </p>
          )}
          {camera.state === 'problem' && (
            <div className="form-error" role="alert" data-testid="camera-problem" data-problem={camera.problem}>
              <p>{t(PROBLEM_TEXT[camera.problem])}</p>
              {camera.message && <p className="said">{camera.message}</p>}
            </div>
          )}
        </div>
        {failed && (
          <p className="form-error" role="alert" data-testid="camera-capture-error">
            {t('scan.cameraCaptureFailed', { message: failed })}
          </p>
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={() => void take()} disabled={camera.state !== 'live' || taking} data-testid="camera-capture">
            {taking ? t('scan.cameraSaving') : t('scan.cameraCapture')} <Kbd>Space</Kbd>
          </button>
          <button type="button" onClick={onClose} data-testid="camera-close">
            {t('scan.close')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
