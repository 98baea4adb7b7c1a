const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_MATERIALS = 2000;

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
    const pdf = s !== null && typeof s === 'object' ? (s as { pdf?: unknown }).pdf : undefined;
    if (typeof pdf === 'string' && SHA256_HEX.test(pdf)) out.add(pdf);
  }
  return out;
}
