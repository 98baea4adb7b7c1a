import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { useTransport } from '../../transport/context.js';
import { useErrorText } from '../../useErrorText.js';

/** Catalog files are a few hundred KB; anything far larger is not one. */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * 导入事项目录 (admins): replaces the service catalog and calendar with a JSON catalog file
 * (catalog.import, journaled). A bad file imports nothing; every error shows with its location.
 */
export function CatalogImport(): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [result, setResult] = useState<HandlerResult<'catalog.import'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  // Chromium words its own file input in the system's language: it stays hidden behind our button.
  const picker = useRef<HTMLInputElement>(null);

  async function load(file: File): Promise<void> {
    setResult(null);
    setError(null);
    setFileName(file.name);
    if (file.size > MAX_BYTES) return setError(t('terminalSettings.catalogTooLarge'));
    let catalog: unknown;
    try {
      catalog = JSON.parse(await file.text());
    } catch {
      return setError(t('terminalSettings.catalogNotJson'));
    }
    setBusy(true);
    const r = await transport.invoke('catalog.import', { catalog, source: file.name.slice(0, 200) });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setResult(r.value);
  }

  return (
    <section className="catalog-import" aria-labelledby="catalog-title" data-testid="catalog-import">
      <h3 className="sub" id="catalog-title">
        {t('terminalSettings.catalogTitle')}
      </h3>
      <div className="field">
        <div className="file-pick">
          <button type="button" onClick={() => picker.current?.click()} disabled={busy} data-testid="catalog-choose">
            {t('terminalSettings.catalogChoose')}
          </button>
          <span data-testid="catalog-file-name">{fileName ?? t('terminalSettings.catalogNoFile')}</span>
        </div>
        <input
          ref={picker}
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          tabIndex={-1}
          aria-label={t('terminalSettings.catalogFile')}
          data-testid="catalog-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void load(f);
            e.target.value = '';
          }}
        />
        <p className="field-hint">{t('terminalSettings.catalogHint')}</p>
      </div>
      {busy && <p aria-busy="true">{t('terminalSettings.catalogBusy')}</p>}
      {error && (
        <p className="form-error" role="alert" data-testid="catalog-error">
          {error}
        </p>
      )}
      {result?.imported && (
        <p className="ok" role="status" data-testid="catalog-imported">
          {t('terminalSettings.catalogImported', { items: result.items, bundles: result.bundles, years: result.years.join('、') })}
        </p>
      )}
      {result && !result.imported && (
        <div className="form-error" role="alert" data-testid="catalog-errors">
          <p>{t('terminalSettings.catalogRefused', { count: result.errors.length })}</p>
          <ul>
            {result.errors.slice(0, 50).map((e, i) => (
              <li key={i}>
                <code>{e.path}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
