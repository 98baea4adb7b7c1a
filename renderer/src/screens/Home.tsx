import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../core/api/contract.js';
import type { AppError } from '../../../core/result.js';
import type { Key } from '../i18n/keys.js';
import { useTransport } from '../transport/context.js';
import { useHandler } from '../transport/useHandler.js';
import { useErrorText } from '../useErrorText.js';

type Verdict = HandlerResult<'audit.verify'>;

const DOOR_LABEL: Readonly<Record<HandlerResult<'app.info'>['door'], Key>> = { electron: 'home.door_electron', host: 'home.door_host' };
const BREAK_LABEL: Readonly<Record<NonNullable<Verdict['reason']>, Key>> = {
  hash_mismatch: 'audit.reason_hash_mismatch',
  link_broken: 'audit.reason_link_broken',
  seq_gap: 'audit.reason_seq_gap',
};

export function Home(): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const { data: info, error: infoError } = useHandler('app.info', {});
  const [verifyError, setVerifyError] = useState<AppError | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifying, setVerifying] = useState(false);

  async function verify(): Promise<void> {
    setVerifying(true);
    const r = await transport.invoke('audit.verify', {});
    setVerifying(false);
    if (r.ok) setVerdict(r.value);
    else setVerifyError(r.error);
  }

  const error = verifyError ?? infoError;
  if (error) return <p role="alert" className="error">{errorText(error)}</p>;
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
    ['door', t('home.door'), t(DOOR_LABEL[info.door])],
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
            : t('audit.broken', { brokenAt: verdict.brokenAt, reason: t(BREAK_LABEL[verdict.reason ?? 'hash_mismatch']) })}
        </p>
      )}
    </section>
  );
}
