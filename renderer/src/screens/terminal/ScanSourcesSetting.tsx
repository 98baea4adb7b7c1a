import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';

const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * 扫描来源 (admins): network scanners (eSCL addresses) and watched folders besides SANE, one a line
 * (settings.setScanSources, journaled). The server checks each entry; its refusal names the line.
 */
export function ScanSourcesSetting(): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const { data, reload } = useHandler('settings.scanSources', {});
  const [escl, setEscl] = useState<string | null>(null);
  const [folders, setFolders] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const esclText = escl ?? data?.esclUrls.join('\n') ?? '';
  const folderText = folders ?? data?.watchFolders.join('\n') ?? '';

  async function save(): Promise<void> {
    const esclUrls = lines(esclText);
    const watchFolders = lines(folderText);
    const badUrl = esclUrls.find((u) => !/^https?:\/\/\S+$/.test(u));
    const badFolder = watchFolders.find((p) => !(p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')));
    if (badUrl || badFolder) return setError(badUrl ? t('terminalSettings.badUrl', { value: badUrl }) : t('terminalSettings.badFolder', { value: badFolder ?? '' }));
    const r = await transport.invoke('settings.setScanSources', { esclUrls, watchFolders });
    if (!r.ok) return setError(errorText(r.error));
    setEscl(null);
    setFolders(null);
    setSaved(true);
    reload();
  }

  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLTextAreaElement>) => {
    set(e.target.value);
    setError(null);
    setSaved(false);
  };

  return (
    <form
      className="scan-sources-setting"
      aria-labelledby="sources-title"
      data-testid="scan-sources-setting"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="sub" id="sources-title">
        {t('terminalSettings.sourcesTitle')}
      </h3>
      <div className="row">
        <div className="field">
          <label htmlFor="sources-escl">{t('terminalSettings.esclUrls')}</label>
          <textarea id="sources-escl" rows={3} value={esclText} onChange={edit(setEscl)} data-testid="sources-escl" placeholder="http://10.0.0.7/eSCL" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="sources-folders">{t('terminalSettings.watchFolders')}</label>
          <textarea id="sources-folders" rows={3} value={folderText} onChange={edit(setFolders)} data-testid="sources-folders" placeholder="/srv/scans" spellCheck={false} />
        </div>
      </div>
      <p className="field-hint">{t('terminalSettings.oneALine')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="sources-error">
          {error}
        </p>
      )}
      {saved && (
        <p className="ok" role="status" data-testid="sources-saved">
          {t('terminalSettings.sourcesSaved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" data-testid="sources-save">
          {t('terminalSettings.save')} <Kbd>Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
