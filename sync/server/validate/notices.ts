import { z } from 'zod';
import { describe } from './issues.js';

export const NOTICE_COMMANDS = ['printNotice', 'voidNotice'] as const;
export type NoticeCommandName = (typeof NOTICE_COMMANDS)[number];
export const isNoticeCommand = (name: string): name is NoticeCommandName => (NOTICE_COMMANDS as readonly string[]).includes(name);

/** What main/handlers/notices.ts sends; loose, so a newer terminal's extra fields are kept. */
const base = { caseNo: z.string().min(1).max(64), documentNo: z.string().min(1).max(100), kind: z.string().min(1), printNo: z.number().int().min(0), staff: z.string() };
const SCHEMAS = {
  printNotice: z.looseObject({ ...base, printedAt: z.string() }),
  voidNotice: z.looseObject({ ...base, voidedAt: z.string(), reason: z.string().min(1), supervisor: z.string() }),
};

export type NoticeVerdict = { ok: true; caseNo: string; documentNo: string; printNo: number } | { ok: false; caseNo: string | null; code: string; reason: string };

/** The shape only; whether the case is this terminal's is the push's question (it needs the database). */
export function judgeNotice(name: NoticeCommandName, raw: Record<string, unknown>): NoticeVerdict {
  const r = SCHEMAS[name].safeParse(raw);
  if (!r.success) return { ok: false, caseNo: typeof raw.caseNo === 'string' ? raw.caseNo : null, code: 'invalid_args', reason: describe(r.error.issues[0]) };
  return { ok: true, caseNo: r.data.caseNo, documentNo: r.data.documentNo, printNo: r.data.printNo };
}
