import { readFileSync } from 'node:fs';
import { JSON_SCHEMA, load } from 'js-yaml';

/**
 * The publisher names electron-builder wrote into resources/app-update.yml from the signing
 * certificate (or win.signtoolOptions.publisherName). electron-updater checks a Windows installer's
 * Authenticode signer against them, but when the list is missing it installs without checking; so the
 * app refuses in-app updates on Windows unless the build has them (fail closed).
 */
export function publisherNames(appUpdateYml: string): string[] {
  let raw: unknown;
  try {
    raw = load(readFileSync(appUpdateYml, 'utf8'), { schema: JSON_SCHEMA });
  } catch {
    return [];
  }
  const names = (raw as { publisherName?: unknown } | null)?.publisherName;
  const list = Array.isArray(names) ? names : [names];
  return list.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}
