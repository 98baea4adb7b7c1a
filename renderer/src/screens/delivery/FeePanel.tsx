import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../core/fees/account.js';
import { changeFen, formatYuan, parseYuan } from '../../../../core/money/fen.js';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { Field, SelectField } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';
import { ENTRY_KIND_LABEL, METHOD_LABEL } from './labels.js';

type FeeState = HandlerResult<'fees.get'>;
type Entry = FeeState['entries'][number];

/** Yuan for a screen (core/money formats; amounts stay fen everywhere else). */
export const yuan = (fen: number): string => formatYuan(fen);

/**
 * A case's fee at the counter: its lines with their basis (收费依据), what is due and outstanding, the
 * payments, refunds and waivers so far, a payment form (amount in yuan, read by core/money into fen;
 * cash shows its change as it is typed) and, per payment, a refund signed off by a supervisor. Each
 * entry's slip prints on the roll. All keyboard: Enter goes from field to field and pays in the last.
 */
export function FeePanel({ caseNo, stage }: { caseNo: string; stage: 'intake' | 'delivery' }): React.JSX.Element | null {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const { data: state, error, set } = useHandler('fees.get', { caseNo }, { refreshOn: [{ event: 'cases.changed', when: (p) => p.caseNo.toUpperCase() === caseNo.toUpperCase() }] });
  const [refunding, setRefunding] = useState<Entry | null>(null);
  // The last payment's number and change stay on screen after the form goes (nothing left to pay).
  const [paid, setPaid] = useState<{ entryNo: string; changeFen: number | null } | null>(null);
  if (error) return <p className="form-error" role="alert" data-testid="fee-error">{errorText(error)}</p>;
  if (!state) return null;
  const a = state.account;
  if (a.dueFen === 0) return <p className="field-hint" data-testid="fee-none">{t('fees.none')}</p>;
  return (
    <section className="fees" data-testid="fees" aria-label={t('fees.title')}>
      <h3>{t('fees.title')}</h3>
      <table className="table fee-lines" data-testid="fee-lines">
        <thead>
          <tr>
            <th>{t('fees.item')}</th>
            <th>{t('fees.amount')}</th>
            <th>{t('fees.basis')}</th>
          </tr>
        </thead>
        <tbody>
          {state.lines.map((l) => (
            <tr key={l.itemCode}>
              <td>{l.name[lang]}</td>
              <td className="money">{yuan(l.amountFen)}</td>
              <td>{l.basis?.[lang] ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fee-account">
        {t('fees.due')} <strong data-testid="fee-due">{yuan(a.dueFen)}</strong> · {t('fees.paid')} {yuan(a.paidFen - a.refundedFen)} · {t('fees.waived')} {yuan(a.waivedFen)}
        {a.settledElsewhereFen > 0 && <> · {t('fees.elsewhere')} {yuan(a.settledElsewhereFen)}</>} · {t('fees.outstanding')}{' '}
        <strong data-testid="fee-outstanding" data-fen={a.outstandingFen}>
          {yuan(a.outstandingFen)}
        </strong>
      </p>
      {state.entries.length > 0 && <Entries entries={state.entries} onRefund={setRefunding} />}
      {refunding && <RefundForm caseNo={caseNo} entry={refunding} onDone={(next) => { if (next) set(next); setRefunding(null); }} />}
      {a.outstandingFen > 0 && !refunding && (
        <PayForm
          caseNo={caseNo}
          stage={stage}
          state={state}
          onPaid={(next, done) => {
            setPaid(done);
            set(next);
          }}
        />
      )}
      {paid && (
        <p role="status" className="fee-done" data-testid="fee-done">
          {t('fees.done', { entryNo: paid.entryNo })}
          {paid.changeFen !== null && (
            <>
              {' '}
              <strong data-testid="fee-change">{t('fees.changeIs', { change: yuan(paid.changeFen) })}</strong>
            </>
          )}
        </p>
      )}
    </section>
  );
}

function Entries({ entries, onRefund }: { entries: readonly Entry[]; onRefund: (e: Entry) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [printed, setPrinted] = useState<Record<string, string>>({});
  async function print(entryNo: string): Promise<void> {
    const r = await transport.invoke('fees.printSlip', { entryNo, layout: 'receipt' });
    setPrinted((p) => ({ ...p, [entryNo]: r.ok ? t('fees.slipPrinted', { printer: r.value.printer }) : errorText(r.error) }));
  }
  return (
    <table className="table fee-entries" data-testid="fee-entries">
      <thead>
        <tr>
          <th>{t('fees.entryNo')}</th>
          <th>{t('fees.kind')}</th>
          <th>{t('fees.method')}</th>
          <th>{t('fees.amount')}</th>
          <th>{t('fees.by')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.entryNo} data-testid={`fee-entry-${e.entryNo}`}>
            <td className="code">{e.entryNo}</td>
            <td>{t(ENTRY_KIND_LABEL[e.kind])}</td>
            <td>{e.method ? t(METHOD_LABEL[e.method]) : '—'}</td>
            <td className="money">{yuan(e.amountFen)}</td>
            <td>
              {e.staff}
              {e.supervisor && <span className="sub-id">{t('fees.signedBy', { name: e.supervisor })}</span>}
            </td>
            <td>
              <button type="button" onClick={() => void print(e.entryNo)} data-testid={`fee-print-${e.entryNo}`}>
                {t('fees.printSlip')}
              </button>
              {e.kind === 'payment' && e.refundableFen > 0 && (
                <button type="button" onClick={() => onRefund(e)} data-testid={`fee-refund-${e.entryNo}`}>
                  {t('fees.refund')}
                </button>
              )}
              {printed[e.entryNo] && <span className="field-hint" data-testid={`fee-printed-${e.entryNo}`}>{printed[e.entryNo]}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Reads a typed amount: fen, or the money code's text on the field. */
function useAmount(): (raw: string) => { fen: number } | { error: string } {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (raw) => {
    const r = parseYuan(raw);
    if (r.ok) return r.value === 0 ? { error: t('reasons.amount_zero') } : { fen: r.value };
    return { error: errorText({ code: 'invalid_input', message: r.message, reason: r.code }) };
  };
}

function PayForm({ caseNo, stage, state, onPaid }: { caseNo: string; stage: 'intake' | 'delivery'; state: FeeState; onPaid: (s: FeeState, done: { entryNo: string; changeFen: number | null }) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const readAmount = useAmount();
  const id = useId();
  const box = useRef<HTMLFormElement>(null);
  const suggested = stage === 'intake' ? state.suggested.intake || state.account.outstandingFen : state.suggested.delivery;
  const [amount, setAmount] = useState((suggested / 100).toFixed(2));
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [tendered, setTendered] = useState('');
  const [reference, setReference] = useState('');
  const [billNo, setBillNo] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);

  const amt = readAmount(amount);
  const tend = tendered.trim() === '' ? null : readAmount(tendered);
  const change = 'fen' in amt && tend && 'fen' in tend ? changeFen(tend.fen, amt.fen) : null;

  async function pay(): Promise<void> {
    if (sending) return;
    const local: Record<string, string> = {};
    if ('error' in amt) local.amountFen = amt.error;
    if (method === 'cash') {
      if (!tend) local['method.tenderedFen'] = t('fees.tenderedMissing');
      else if ('error' in tend) local['method.tenderedFen'] = tend.error;
    } else if (reference.trim() === '') local['method.reference'] = t('reasons.reference_empty');
    if (Object.keys(local).length > 0 || !('fen' in amt)) return setErrors(local);
    const m =
      method === 'cash'
        ? { kind: 'cash' as const, tenderedFen: tend && 'fen' in tend ? tend.fen : 0 }
        : method === 'payment_code'
          ? { kind: 'payment_code' as const, reference: reference.trim(), ...(billNo.trim() ? { billNo: billNo.trim() } : {}) }
          : { kind: method, reference: reference.trim() };
    setSending(true);
    const r = await transport.invoke('fees.pay', { caseNo, stage, amountFen: amt.fen, method: m });
    setSending(false);
    if (!r.ok) return setErrors(fileError(r.error, errorText(r.error), (f) => ['amountFen', 'method.tenderedFen', 'method.reference', 'method.billNo'].includes(f)));
    setErrors({});
    onPaid(r.value.state, { entryNo: r.value.entryNo, changeFen: r.value.changeFen });
  }

  return (
    <form
      ref={box}
      className="fee-pay"
      aria-labelledby={`${id}-t`}
      data-testid="fee-pay"
      onSubmit={(e) => {
        e.preventDefault();
        void pay();
      }}
      onKeyDown={(e) => enterAdvances(() => void pay())(e)}
    >
      <h4 id={`${id}-t`}>{stage === 'intake' ? t('fees.payAtIntake') : t('fees.payAtDelivery')}</h4>
      <div className="row">
        <Field label={t('fees.amountYuan')} value={amount} onValue={setAmount} error={errors.amountFen} testId="fee-amount" inputMode="decimal" maxLength={20} />
        <SelectField label={t('fees.method')} value={method} onValue={(v) => setMethod(PAYMENT_METHODS.find((m) => m === v) ?? 'cash')} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(METHOD_LABEL[m]) }))} testId="fee-method" />
        {method === 'cash' ? (
          <Field label={t('fees.tendered')} value={tendered} onValue={setTendered} error={errors['method.tenderedFen']} testId="fee-tendered" inputMode="decimal" maxLength={20} hint={change !== null ? t('fees.changeIs', { change: yuan(change) }) : undefined} />
        ) : (
          <Field label={method === 'payment_code' ? t('fees.paymentCode') : t('fees.reference')} value={reference} onValue={setReference} error={errors['method.reference']} testId="fee-reference" maxLength={64} />
        )}
        {method === 'payment_code' && <Field label={t('fees.billNo')} value={billNo} onValue={setBillNo} error={errors['method.billNo']} testId="fee-billNo" maxLength={64} />}
      </div>
      {errors[''] && (
        <p className="form-error" role="alert" data-testid="fee-pay-error">
          {errors['']}
        </p>
      )}
      <p className="actions">
        <button type="submit" className="primary" disabled={sending} data-testid="fee-pay-submit">
          {sending ? t('form.sending') : t('fees.take')} <Kbd>Enter</Kbd>
        </button>{' '}
        <span className="field-hint">
          <Kbd>Enter</Kbd> {t('keys.nextField')}
        </span>
      </p>
    </form>
  );
}

/** 退费: part or all of one payment, through its method, signed off by a supervisor with their own password and a reason. */
function RefundForm({ caseNo, entry, onDone }: { caseNo: string; entry: Entry; onDone: (s: FeeState | null) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const readAmount = useAmount();
  const [values, setValues] = useState({ amount: (entry.refundableFen / 100).toFixed(2), reason: '', supervisor: '', supervisorPassword: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const set = (k: keyof typeof values) => (v: string) => setValues((p) => ({ ...p, [k]: v }));
  async function refund(): Promise<void> {
    if (sending) return;
    const amt = readAmount(values.amount);
    if ('error' in amt) return setErrors({ amountFen: amt.error });
    setSending(true);
    const r = await transport.invoke('fees.refund', { caseNo, paymentNo: entry.entryNo, amountFen: amt.fen, reason: values.reason, supervisor: values.supervisor.trim(), supervisorPassword: values.supervisorPassword });
    setSending(false);
    if (r.ok) return onDone(r.value.state);
    setValues((p) => ({ ...p, supervisorPassword: '' }));
    setErrors(fileError(r.error, errorText(r.error), (f) => ['amountFen', 'reason', 'supervisor', 'supervisorPassword'].includes(f)));
  }
  return (
    <form
      className="fee-refund"
      data-testid="fee-refund"
      onSubmit={(e) => {
        e.preventDefault();
        void refund();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onDone(null);
        } else enterAdvances(() => void refund())(e);
      }}
    >
      <h4>{t('fees.refundTitle', { entryNo: entry.entryNo, amount: yuan(entry.refundableFen) })}</h4>
      <div className="row">
        <Field label={t('fees.amountYuan')} value={values.amount} onValue={set('amount')} error={errors.amountFen} testId="refund-amount" inputMode="decimal" maxLength={20} autoFocus />
        <Field label={t('fees.reason')} className="wide" value={values.reason} onValue={set('reason')} error={errors.reason} testId="refund-reason" maxLength={500} />
      </div>
      <div className="row">
        <Field label={t('fees.supervisor')} value={values.supervisor} onValue={set('supervisor')} error={errors.supervisor} testId="refund-supervisor" maxLength={32} />
        <Field label={t('fees.password')} type="password" value={values.supervisorPassword} onValue={set('supervisorPassword')} error={errors.supervisorPassword} testId="refund-password" maxLength={200} />
      </div>
      {errors[''] && (
        <p className="form-error" role="alert" data-testid="refund-error">
          {errors['']}
        </p>
      )}
      <p className="actions">
        <button type="submit" className="primary danger" disabled={sending} data-testid="refund-confirm">
          {sending ? t('form.sending') : t('fees.refundConfirm')} <Kbd>Enter</Kbd>
        </button>{' '}
        <button type="button" onClick={() => onDone(null)} data-testid="refund-cancel">
          {t('fees.cancel')} <Kbd>Esc</Kbd>
        </button>
      </p>
    </form>
  );
}
