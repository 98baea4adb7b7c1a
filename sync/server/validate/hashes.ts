const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_MATERIALS = 2000;

/** The material PDFs a supervisor let an intake go without (`scans[].pdfUnavailable`), for the case's flag. */
export function missingDocumentsIn(scans: unknown): { entryId: unknown; pdf: unknown; by: unknown; at: unknown; note: unknown }[] {
  if (!Array.isArray(scans)) return [];
  const out: { entryId: unknown; pdf: unknown; by: unknown; at: unknown; note: unknown }[] = [];
  for (const s of scans.slice(0, MAX_MATERIALS)) {
    const ref = s !== null && typeof s === 'object' ? (s as { entryId?: unknown; pdf?: unknown; pdfUnavailable?: { by?: unknown; at?: unknown; note?: unknown } }) : {};
    const w = ref.pdfUnavailable;
    if (w !== null && typeof w === 'object') out.push({ entryId: ref.entryId, pdf: ref.pdf, by: w.by, at: w.at, note: w.note });
  }
  return out;
}

/**
 * The material PDFs a command's `scans` names (`[{entryId, pdf, pageCount, pages}]`, main/cases/intake.ts).
 * They must be on the server before the case is stored, like the command's `blobs` (where the terminal
 * lists them too), so a case never points at a document the centre does not have. The page hashes in
 * `pages` only say which stored images a PDF was made from: the images stay on the terminal.
 */
export function materialPdfsIn(scans: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(scans)) return out;
  for (const s of scans.slice(0, MAX_MATERIALS)) {
    const ref = s !== null && typeof s === 'object' ? (s as { pdf?: unknown; pdfUnavailable?: unknown }) : {};
    // Sent without it by a supervisor (its file lost on the terminal): not waited for; the case is flagged.
    if (ref.pdfUnavailable !== undefined) continue;
    if (typeof ref.pdf === 'string' && SHA256_HEX.test(ref.pdf)) out.add(ref.pdf);
  }
  return out;
}
