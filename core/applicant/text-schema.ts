import { z } from 'zod';
import { checkText, codePointLength, type TextRules } from './text.js';

/**
 * Free text a clerk types outside the applicant (a reason, a courier's name, a tracking number, an
 * address on a parcel): checked by the same rules as names and addresses (text.ts: no control
 * characters, no bidi overrides, no lone surrogates, a length in code points), each failure one issue
 * on its field with `params.code` = `<prefix>_<issue>` (`reason_control_chars`, `reason_too_short` …),
 * trimmed on output.
 */
export function textField<P extends string>(rules: TextRules<P> & { minCodePoints?: number }) {
  return z.string().transform((raw, ctx) => {
    const r = checkText(raw, rules);
    const fail = (code: string, message: string) => {
      ctx.addIssue({ code: 'custom', message: `${code}: ${message}`, params: { code } });
      return z.NEVER;
    };
    if (!r.ok) return fail(r.code, r.message);
    if (rules.minCodePoints !== undefined && r.value !== '' && codePointLength(r.value) < rules.minCodePoints) {
      return fail(`${rules.prefix}_too_short`, `${rules.label} needs at least ${rules.minCodePoints} characters`);
    }
    return r.value;
  });
}
