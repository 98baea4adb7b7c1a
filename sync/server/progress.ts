import { parseCaseNumber } from '../../core/intake/case-number.js';
import { applicantHash, parseQr, verifyQr } from '../../core/notices/qr.js';
import { qrPayloadFrom } from '../../core/notices/qr-url.js';
import { businessDay } from '../../core/time.js';
import type { CaseStatus } from '../protocol/index.js';
import { isoOf, type Queryable } from './db/types.js';

/**
 * The public progress page's answer for a notice's QR code (docs/NOTICES.md, "QR code"): the code's
 * signature checked against the issuing window's key, the case found, and then only its status, due
 * date, item names and the applicant's name masked (王*). Nothing personal besides: no ID number, no
 * phone, no address. A code whose signature fails, or that does not match the case it names
 * (applicant hash, outcome), is refused with the reason.
 */
export type ProgressRefusal = 'qr_malformed' | 'qr_version' | 'qr_signature' | 'qr_unknown_terminal' | 'qr_revoked_terminal' | 'qr_mismatch';

export type ProgressAnswer =
  | { valid: false; reason: ProgressRefusal }
  | {
      valid: true;
      caseNo: string;
      outcome: string;
      /** The day the notice was issued, as the code says. */
      date: string;
      /** false: the code is genuine but the case has not reached the centre yet (its window was offline). */
      synced: boolean;
      status: CaseStatus | null;
      decision: string | null;
      dueDate: string | null;
      applicant: string | null;
      items: { 'zh-CN': string; en: string }[];
    };

/** 王𠮷䶮 → 王**, 王五 → 王*: the first character kept, every other one starred (code points, not UTF-16 units). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

interface CaseRow {
  outcome: string;
  status: CaseStatus | null;
  decision: string | null;
  data: { input?: { applicant?: { kind?: string; name?: string; idNumber?: string; uscc?: string } }; derived?: { dueDate?: string | null; itemCodes?: string[] } };
}

export async function progressOf(q: Queryable, scanned: string): Promise<ProgressAnswer> {
  const payload = qrPayloadFrom(scanned);
  const parsed = parseQr(payload);
  if (!parsed) return { valid: false, reason: payload.includes('|') && !payload.startsWith('OW1|') ? 'qr_version' : 'qr_malformed' };
  const { fields } = parsed;
  const no = parseCaseNumber(fields.caseNo);
  if (!no) return { valid: false, reason: 'qr_malformed' };
  // A window enrolled again has several keys over time: the code verifies with the one that signed it.
  const keys = await q.query<{ public_key: string; revoked_at: unknown }>('SELECT public_key, revoked_at FROM terminals WHERE terminal_code = $1 ORDER BY enrolled_at DESC', [no.terminalCode]);
  if (keys.length === 0) return { valid: false, reason: 'qr_unknown_terminal' };
  const signer = keys.find((k) => verifyQr(payload, k.public_key).valid);
  if (!signer) return { valid: false, reason: 'qr_signature' };
  if (signer.revoked_at !== null && signer.revoked_at !== undefined && fields.date > businessDay(isoOf(signer.revoked_at))) return { valid: false, reason: 'qr_revoked_terminal' };

  const [row] = await q.query<CaseRow>('SELECT outcome, status, decision, data FROM cases WHERE case_no = $1', [fields.caseNo]);
  const base = { valid: true as const, caseNo: fields.caseNo, outcome: fields.outcome, date: fields.date };
  if (!row) return { ...base, synced: false, status: null, decision: null, dueDate: null, applicant: null, items: [] };
  const applicant = row.data.input?.applicant ?? {};
  const idNumber = applicant.kind === 'organisation' ? applicant.uscc : applicant.idNumber;
  // Genuinely signed, but not this case: a window's bug or a code pasted onto another case's notice.
  if (row.outcome !== fields.outcome || idNumber === undefined || applicantHash(fields.caseNo, idNumber) !== fields.applicantHash) return { valid: false, reason: 'qr_mismatch' };
  const codes = row.data.derived?.itemCodes ?? [];
  const items = codes.length === 0 ? [] : await q.query<{ name: { 'zh-CN': string; en: string } }>(
    `SELECT i->'name' AS name FROM jsonb_array_elements((SELECT data->'items' FROM catalogs ORDER BY id DESC LIMIT 1)) AS i WHERE i->>'code' = ANY($1::text[])`,
    [codes],
  );
  return { ...base, synced: true, status: row.status, decision: row.decision, dueDate: row.data.derived?.dueDate ?? null, applicant: applicant.name ? maskName(applicant.name) : null, items: items.map((r) => r.name) };
}
