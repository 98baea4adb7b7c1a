import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { Field } from '../../ui/Field.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';

type Promise1 = HandlerResult<'promises.list'>[number];

/**
 * The counter's follow-ups: corrections (补正) awaiting the applicant's return and overdue, and 容缺
 * materials promised within three days and overdue. A promised material is recorded when it comes
 * (its scan imported here), or, once overdue, closed as failed with a reason (the back office is told).
 */
export function FollowUps({ onShowCase }: { onShowCase: (caseNo: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const changed = { refreshOn: ['cases.changed' as const] };
  const awaiting = useHandler('corrections.list', { state: 'awaiting' }, changed);
  const overdue = useHandler('corrections.list', { state: 'overdue' }, changed);
  const due = useHandler('promises.list', { state: 'due' }, changed);
  const late = useHandler('promises.list', { state: 'overdue' }, changed);
  const [acting, setActing] = useState<{ p: Promise1; how: 'receive' | 'fail' } | null>(null);
  const error = awaiting.error ?? overdue.error ?? due.error ?? late.error;

  const corrections = [...(overdue.data ?? []), ...(awaiting.data ?? [])];
  const promises = [...(late.data ?? []), ...(due.data ?? [])];
  return (
    <section className="follow-ups" data-testid="follow-ups" aria-label={t('followUps.title')}>
      <h2>{t('followUps.title')}</h2>
      {error && <p className="form-error" role="alert">{errorText(error)}</p>}
      <h3>{t('followUps.corrections')}</h3>
      {corrections.length === 0 ? (
        <p className="empty" data-testid="corrections-none">{t('followUps.noCorrections')}</p>
      ) : (
        <table className="table" data-testid="corrections-list">
          <thead>
            <tr>
              <th>{t('delivery.caseNo')}</th>
              <th>{t('delivery.applicant')}</th>
              <th>{t('followUps.deadline')}</th>
              <th>{t('followUps.toSupply')}</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={c.caseNo} data-testid={`correction-${c.caseNo}`} className={c.daysLeft < 0 ? 'overdue' : undefined} onClick={() => onShowCase(c.caseNo)}>
                <td className="code">{c.caseNo}</td>
                <td>{c.applicantName}</td>
                <td>
                  {c.deadline} <span className="sub-id">{c.daysLeft < 0 ? t('followUps.overdueBy', { n: -c.daysLeft }) : t('followUps.daysLeft', { n: c.daysLeft })}</span>
                </td>
                <td>{c.toSupply.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('followUps.promises')}</h3>
      {promises.length === 0 ? (
        <p className="empty" data-testid="promises-none">{t('followUps.noPromises')}</p>
      ) : (
        <table className="table" data-testid="promises-list">
          <thead>
            <tr>
              <th>{t('delivery.caseNo')}</th>
              <th>{t('followUps.material')}</th>
              <th>{t('followUps.promisedDate')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {promises.map((p) => (
              <tr key={`${p.caseNo} ${p.entryId}`} data-testid={`promise-${p.caseNo}`} className={p.daysLeft < 0 ? 'overdue' : undefined}>
                <td className="code">{p.caseNo}</td>
                <td>
                  {p.material}
                  <span className="sub-id">{p.title[lang]} · {p.applicantName}</span>
                </td>
                <td>
                  {p.promisedDate} <span className="sub-id">{p.daysLeft < 0 ? t('followUps.overdueBy', { n: -p.daysLeft }) : t('followUps.daysLeft', { n: p.daysLeft })}</span>
                </td>
                <td>
                  <button type="button" onClick={() => setActing({ p, how: 'receive' })} data-testid={`promise-receive-${p.caseNo}`}>
                    {t('followUps.receive')}
                  </button>{' '}
                  {p.daysLeft < 0 && (
                    <button type="button" onClick={() => setActing({ p, how: 'fail' })} data-testid={`promise-fail-${p.caseNo}`}>
                      {t('followUps.fail')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acting && <PromiseAction promise={acting.p} how={acting.how} onDone={() => setActing(null)} />}
    </section>
  );
}

function PromiseAction({ promise, how, onDone }: { promise: Promise1; how: 'receive' | 'fail'; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [recordId] = useState(() => crypto.randomUUID());
  const [pages, setPages] = useState(0);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function importFile(file: File): Promise<void> {
    const data = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    const r = await transport.invoke('scans.import', { intakeId: recordId, source: 'file', fileName: file.name, dataBase64: btoa(binary) });
    if (r.ok) setPages((n) => n + r.value.added);
    else setError(errorText(r.error));
  }
  async function submit(): Promise<void> {
    if (sending) return;
    setSending(true);
    const r = how === 'receive'
      ? await transport.invoke('promises.receive', { caseNo: promise.caseNo, entryId: promise.entryId, recordId })
      : await transport.invoke('promises.fail', { caseNo: promise.caseNo, entryId: promise.entryId, recordId, reason });
    setSending(false);
    if (r.ok) onDone();
    else setError(errorText(r.error));
  }
  return (
    <form
      className="promise-action"
      data-testid="promise-action"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <h4>{how === 'receive' ? t('followUps.receiveTitle', { material: promise.material, caseNo: promise.caseNo }) : t('followUps.failTitle', { material: promise.material, caseNo: promise.caseNo })}</h4>
      {how === 'receive' ? (
        <div className="field">
          <label htmlFor={`promise-file-${recordId}`}>{t('followUps.scan')}</label>
          <input id={`promise-file-${recordId}`} type="file" accept="image/*,application/pdf" autoFocus data-testid="promise-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); }} />
          <p className="field-hint" data-testid="promise-pages">{t('delivery.poaPages', { n: pages })}</p>
        </div>
      ) : (
        <Field label={t('fees.reason')} className="wide" value={reason} onValue={setReason} testId="promise-reason" maxLength={500} autoFocus />
      )}
      {error && <p className="form-error" role="alert" data-testid="promise-error">{error}</p>}
      <p className="actions">
        <button type="submit" className="primary" disabled={sending} data-testid="promise-confirm">
          {how === 'receive' ? t('followUps.receiveConfirm') : t('followUps.failConfirm')} <Kbd>Enter</Kbd>
        </button>{' '}
        <button type="button" onClick={onDone} data-testid="promise-cancel">
          {t('fees.cancel')} <Kbd>Esc</Kbd>
        </button>
      </p>
    </form>
  );
}
