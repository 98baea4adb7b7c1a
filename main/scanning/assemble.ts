import { PDFDocument } from 'pdf-lib';

/**
 * One material's pages as one PDF, the form in which it is sent on: each stored JPEG becomes a page of
 * its own size at its scan resolution (so an A4 scan at 300 dpi prints as A4), in the order given.
 * The JPEG bytes are embedded as they are: no re-encoding, no loss.
 */
export async function assembleMaterialPdf(pages: readonly { jpeg: Uint8Array; dpi: number }[], title: string): Promise<Uint8Array> {
  if (pages.length === 0) throw new RangeError('a material PDF needs at least one page');
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('OneWindow');
  // Fixed dates keep the same pages giving the same bytes (the file is content-addressed downstream).
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  for (const p of pages) {
    // pdf-lib reads the bytes through a DataView of their whole ArrayBuffer, ignoring the offset of a
    // Buffer cut from Node's shared pool ("SOI not found"); a copy of its own starts at 0.
    const image = await doc.embedJpg(p.jpeg.byteOffset === 0 && p.jpeg.byteLength === p.jpeg.buffer.byteLength ? p.jpeg : new Uint8Array(p.jpeg));
    const scale = 72 / (p.dpi > 0 ? p.dpi : 300);
    const page = doc.addPage([image.width * scale, image.height * scale]);
    page.drawImage(image, { x: 0, y: 0, width: image.width * scale, height: image.height * scale });
  }
  return doc.save();
}
