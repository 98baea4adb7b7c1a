import sharp from 'sharp';
import type { HandlerContext } from '../../main/handlers/context.js';
import { searchFields } from '../../main/sync/apply.js';
import { acceptInput, person, type Call } from './intake.js';

/** 居民身份证换领: 承诺件, fee ¥20.00 taken at intake (发改价格〔2003〕2322号). */
export const ID_RENEWAL = '310101-SH-JM-006';
/** 不动产转移登记: fee ¥80.00 taken at delivery. */
export const PROPERTY_TRANSFER = '310101-SH-QT-002';
export const OTHER_ID = '110101199003070011';

/** An accepted case of the item, every material received. */
export async function acceptedCase(call: Call, item = ID_RENEWAL, applicant = person()): Promise<string> {
  const r = await call('cases.accept', await acceptInput(call, item, applicant));
  if (!r.ok) throw new Error(`cases.accept: ${r.error.code} ${r.error.message}`);
  return r.value.caseNo;
}

/** What a pull from the centre writes when the back office marks a case ready for delivery (main/sync/apply.ts). */
export function markReady(ctx: HandlerContext, caseNo: string, o: { at?: string; resultDocument?: { name: string; sha256: string }; status?: string } = {}): void {
  ctx.store.db
    .prepare(
      `INSERT INTO central_case_status (case_no, status, decision, note, result_document, at, by, change_seq) VALUES (?, ?, 'approved', NULL, ?, ?, 'office', 1)
       ON CONFLICT (case_no) DO UPDATE SET status = excluded.status, result_document = excluded.result_document, at = excluded.at`,
    )
    .run(caseNo, o.status ?? 'ready_for_delivery', o.resultDocument ? JSON.stringify(o.resultDocument) : null, o.at ?? '2026-11-30T02:00:00.000Z');
  const search = searchFields(ctx.store.db, caseNo, null);
  ctx.store.db.prepare('UPDATE central_case_status SET applicant_name = ?, applicant_id = ?, item_codes = ? WHERE case_no = ?').run(search.name, search.id, search.items, caseNo);
}

/** A page that is not blank (blank pages start excluded), as base64 PNG for scans.import. */
export async function pageImage(text = '授权委托书'): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="560"><rect width="100%" height="100%" fill="white"/><text x="20" y="60" font-size="40">${text}</text><rect x="20" y="100" width="300" height="200" fill="black"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

/** Rows of what comes after intake, and the journal's entries other than sign-ins and sign-offs. */
export function rowCounts(ctx: HandlerContext): { deliveries: number; fees: number; outbox: number; audit: number; prints: number } {
  const n = (t: string): number => (ctx.store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  // A refused sign-off is journaled (main/auth/supervisor.ts): the journal of the case's business is what must stay.
  const business = (ctx.store.db.prepare("SELECT count(*) AS n FROM audit_journal WHERE action NOT LIKE 'auth.%'").get() as { n: number }).n;
  return { deliveries: n('deliveries'), fees: n('fee_entries'), outbox: n('outbox'), audit: business, prints: n('receipt_prints') };
}
