/**
 * What the file picker offers and how a chosen file travels: read as base64 (`scans.import` takes
 * JSON), refused here already when it is over the back end's 64 MB, so a clerk does not wait for a
 * large file to be read only to be told no.
 */
export const IMPORT_ACCEPT = ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'application/pdf'].join(',');

/** What `scans.import` takes, decoded (contract-scans.ts). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The base64 of a Blob (a picked file or a camera frame), without the `data:…;base64,` prefix. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}
