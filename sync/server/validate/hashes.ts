const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Enough for every page of a large case; a `scans` value with more is not a scan list. */
const MAX_HASHES = 4 * 2000;
const MAX_DEPTH = 8;

/**
 * The page hashes a command's `scans` mentions, whatever its exact shape (a map of material → hashes,
 * a list of pages…): every SHA-256-looking string in it. They must be on the server before the case
 * is stored, like the command's `blobs`, so a case never points at pages the centre does not have.
 */
export function hashesIn(value: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > MAX_DEPTH || out.size >= MAX_HASHES) return out;
  if (typeof value === 'string') {
    if (SHA256_HEX.test(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) hashesIn(v, out, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) hashesIn(v, out, depth + 1);
  }
  return out;
}
