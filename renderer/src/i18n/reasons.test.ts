import { describe, expect, it } from 'vitest';
import { REASONS, SYNC_PROBLEMS } from '../../../core/reasons.js';
import { ERROR_CODES } from '../../../core/result.js';
import { resources } from './index.js';

/** The text at a dotted key of one language's resources (main and feature files merged, as i18next has them). */
function text(language: keyof typeof resources, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), resources[language].translation);
}

function untexted(keys: readonly string[]): string[] {
  return (Object.keys(resources) as (keyof typeof resources)[]).flatMap((language) =>
    keys.filter((key) => {
      const value = text(language, key);
      return typeof value !== 'string' || value.trim() === '';
    }).map((key) => `${language} ${key}`),
  );
}

// useErrorText words a refusal by `reasons.<reason>`, else by `errors.<code>`; the sync screens word
// the link's problems by `sync.error.<code>` (syncText.ts). Each language is checked on its own: a
// text found only through the fallback language is still missing.
describe('every refusal has its words in zh-CN and en', () => {
  it('each error code', () => {
    expect(untexted(ERROR_CODES.map((code) => `errors.${code}`))).toEqual([]);
  });

  it('each reason of core/reasons.ts', () => {
    expect(untexted(REASONS.map((reason) => `reasons.${reason}`))).toEqual([]);
  });

  it('each problem of the link to the centre, and an HTTP error without the protocol body', () => {
    expect(untexted([...SYNC_PROBLEMS.map((code) => `sync.error.${code}`), 'sync.error.http'])).toEqual([]);
  });

  it('a second enrollment while one runs reads as that, not as the generic conflict', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      expect(text(language, 'reasons.enrollment_in_progress')).toEqual(expect.any(String));
      expect(text(language, 'reasons.enrollment_in_progress')).not.toBe(text(language, 'errors.conflict'));
    }
  });
});
