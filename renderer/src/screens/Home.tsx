import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../core/api/contract.js';
import { useTransport } from '../transport/context.js';
import { useErrorText } from '../useErrorText.js';

type Info = HandlerResult<'app.info'>;
type Verdict = HandlerResult<'audit.verify'>;

export function Home(): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    let live = true;
    void transport.invoke('app.info', {}).then((r) => {
      if (!live) return;
      if (r.ok) setInfo(r.value);
      else setError(errorText(r.error));
    });
    return () => {
      live = false;
    };
    // errorText changes with the language; the info itself does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [transport]);

  async function verify(): Promise<void> {
    setVerifying(true);
    const r = await transport.invoke('audit.verify', {});
    setVerifying(false);
    if (r.ok) setVerdict(r.value);
    else setError(errorText(r.error));
  }

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!info) return <p aria-busy="true">{t('home.loading')}</p>;

  const value = (v: string | null): string => v ?? t('home.notSet');
  const rows: [string, string, string][] = [
    ['terminalCode', t('home.terminalCode'), value(info.terminalCode)],
    ['windowNo', t('home.windowNo'), value(info.windowNo)],
    ['hall', t('home.hall'), value(info.hall)],
    ['district', t('home.district'), value(info.district)],
    ['version', t('home.version'), info.version],
    ['schemaVersion', t('home.schemaVersion'), String(info.schemaVersion)],
    ['dbPath', t('home.dbPath'), info.dbPath],
    ['door', t('home.door'), t(`home.door_${info.door}`)],
  ];

  return (
    <section className="home">
      <h2>{t('home.terminal')}</h2>
      <dl className="info" data-testid="terminal-info">
        {rows.map(([key, label, text]) => (
          <div key={key} className="info-row">
            <dt>{label}</dt>
            <dd data-testid={`info-${key}`}>{text}</dd>
          </div>
        ))}
      </dl>

      <h2>{t('audit.title')}</h2>
      <button type="button" onClick={() => void verify()} disabled={verifying} data-testid="audit-verify">
        {verifying ? t('audit.verifying') : t('audit.verify')}
      </button>
      {verdict && (
        <p role="status" data-testid="audit-result" className={verdict.ok ? 'ok' : 'error'}>
          {verdict.ok
            ? t('audit.intact', { checked: verdict.checked })
            : t('audit.broken', { brokenAt: verdict.brokenAt, reason: t(`audit.reason_${verdict.reason ?? 'hash_mismatch'}`) })}
        </p>
      )}
    </section>
  );
}
