import type * as PdfJsModule from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * pdf.js for the notice preview. The library (large) is loaded on first use; its worker is a file the
 * app serves itself (a Vite asset), because the Content-Security-Policy allows scripts and workers
 * from 'self' only. No eval (isEvalSupported: false: pdf.js would otherwise probe `new Function`,
 * which the policy refuses and reports), no WebAssembly, no fetching of extra data: a notice embeds
 * all its fonts, so nothing but the PDF bytes is needed. One worker serves every preview.
 */
type PdfJs = typeof PdfJsModule;
type PdfWorker = InstanceType<PdfJs['PDFWorker']>;

let loading: Promise<{ lib: PdfJs; worker: PdfWorker }> | null = null;

function load(): Promise<{ lib: PdfJs; worker: PdfWorker }> {
  loading ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return { lib, worker: new lib.PDFWorker({ verbosity: lib.VerbosityLevel.ERRORS }) };
  });
  // A failed load (e.g. the chunk could not be fetched) may be retried by the next preview.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface PdfRender {
  /** The number of pages rendered, once every page is on its canvas. */
  done: Promise<number>;
  /** Stops rendering; `done` then never settles with a stale result that matters (it rejects with `cancelled`). */
  cancel(): void;
}

export class RenderCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RenderCancelled';
  }
}

/**
 * Renders every page of a PDF to its own <canvas>, `cssWidth` CSS pixels wide (sharp on HiDPI
 * screens), and puts them into `host` only when all are drawn, so a new preview replaces the old one
 * without flicker. Each canvas gets `data-page` (1…n) and an accessible label from `label(n)`.
 */
export function renderPdfInto(host: HTMLElement, pdfBase64: string, cssWidth: number, label: (page: number) => string): PdfRender {
  let cancelled = false;
  const cleanups: (() => void)[] = [];
  const cancel = (): void => {
    cancelled = true;
    for (const c of cleanups.splice(0)) c();
  };

  const done = (async () => {
    const { lib, worker } = await load();
    if (cancelled) throw new RenderCancelled();
    const task = lib.getDocument({
      data: bytesOf(pdfBase64),
      worker,
      isEvalSupported: false,
      useWasm: false,
      useSystemFonts: false,
      enableXfa: false,
      verbosity: lib.VerbosityLevel.ERRORS,
    });
    cleanups.push(() => void task.destroy());
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      if (cancelled) throw new RenderCancelled();
      throw err;
    }
    const ratio = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
    const canvases: HTMLCanvasElement[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (cancelled) throw new RenderCancelled();
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      canvas.className = 'pdf-page';
      canvas.dataset.page = String(n);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', label(n));
      const render = page.render({ canvas, viewport, background: '#ffffff' });
      cleanups.push(() => render.cancel());
      try {
        await render.promise;
      } catch (err) {
        if (cancelled) throw new RenderCancelled();
        throw err;
      }
      page.cleanup();
      canvases.push(canvas);
    }
    if (cancelled) throw new RenderCancelled();
    host.replaceChildren(...canvases);
    void task.destroy();
    return doc.numPages;
  })();
  return { done, cancel };
}
