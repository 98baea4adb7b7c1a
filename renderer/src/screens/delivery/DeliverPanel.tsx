import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { ID_DOC_TYPES, type IdDocType } from '../../../../core/applicant/documents.js';
import { COLLECTOR_KINDS, type CollectorKind } from '../../../../core/delivery/schema.js';
import { enterAdvances } from '../../shell/focus.js';
import { useTransport } from '../../transport/context.js';
import { useHandler } from '../../transport/useHandler.js';
import { CheckField, Field, SelectField } from '../../ui/Field.js';
import { fileError, type FieldErrors } from '../../ui/formErrors.js';
import { Kbd } from '../../ui/Kbd.js';
import { useLang } from '../../ui/useLang.js';
import { useErrorText } from '../../useErrorText.js';
import { dateTime } from '../cases/outcomeLabel.js';
import { ID_TYPE_LABEL } from '../intake/labels.js';
import { FeePanel } from './FeePanel.js';
import { COLLECTOR_LABEL, READINESS_LABEL, RELATION_LABEL } from './labels.js';

const FIELDS = ['collector.idNumber', 'collector.name', 'collector.courier', 'collector.trackingNo', 'collector.address', 'handedOver', 'powerOfAttorney', 'override.reason', 'override.supervisor', 'supervisorPassword'] as const;

/**
 * Handing one result over (deliveries.deliver): who collects (the applicant with their ID, an agent with
 * their ID and the scanned 授权委托书, or the post), what is handed over, and the fee settled first. An ID
 * that does not match is refused; the form then asks for a supervisor's sign-off with a reason, which the
 * same submit sends. Once delivered, the 领取回执 prints on the roll or A4. Enter goes from field to field
 * and delivers in the last; Esc goes back to the list.
 */
export function DeliverPanel({ caseNo, onClose, onShowCase }: { caseNo: string; onClose: () => void; onShowCase: (caseNo: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const { data: d, error, reload } = useHandler('deliveries.get', { caseNo }, { refreshOn: [{ event: 'cases.changed', when: (p) => p.caseNo.toUpperCase() === caseNo.toUpperCase() }] });
  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };
  const back = (
    <button type="button" onClick={onClose} data-testid="deliver-back">
      {t('delivery.backToList')} <Kbd>Esc</Kbd>
    </button>
  );
  if (error) {
    return (
      <section className="deliver" onKeyDown={onKeyDown}>
        <p className="form-error" role="alert" data-testid="deliver-load-error">
          {errorText(error)}
        </p>
        {back}
      </section>
    );
  }
  if (!d) return <p aria-busy="true">{t('shell.loading')}</p>;
  return (
    <section className="deliver" data-testid="deliver" onKeyDown={onKeyDown}>
      <h2>
        {t('delivery.deliverTitle')} <span className="code" data-testid="deliver-caseNo">{d.caseNo}</span>
      </h2>
      <p className="lead">
        {d.title[lang]} · {d.applicantName} · {d.here ? t('delivery.here') : t('delivery.otherWindow', { window: d.windowNo ?? '?' })} ·{' '}
        <span className={`badge readiness-${d.readiness}`} data-testid="deliver-readiness" data-state={d.readiness}>
          {t(READINESS_LABEL[d.readiness])}
        </span>
      </p>
      <p>
        {back}{' '}
        {d.here && (
          <button type="button" onClick={() => onShowCase(d.caseNo)} data-testid="deliver-show-case">
            {t('delivery.showCase')}
          </button>
        )}
      </p>
      <FeePanel caseNo={d.caseNo} stage="delivery" />
      {d.delivery ? <Delivered caseNo={d.caseNo} delivery={d.delivery} /> : d.readiness === 'not_ready' ? null : <CollectorForm detail={d} onDelivered={reload} />}
    </section>
  );
}

type Detail = HandlerResult<'deliveries.get'>;

function CollectorForm({ detail, onDelivered }: { detail: Detail; onDelivered: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const id = useId();
  const box = useRef<HTMLFormElement>(null);
  // One delivery, one id: also the scan batch of the power of attorney (deliveries.deliver).
  const [deliveryId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<CollectorKind>('applicant');
  const [idType, setIdType] = useState<IdDocType>(ID_DOC_TYPES.find((x) => x === detail.idTypeExpected) ?? 'resident_id');
  const [v, setV] = useState({ idNumber: '', name: '', courier: '', trackingNo: '', address: detail.postAddress ?? '', reason: '', supervisor: '', supervisorPassword: '' });
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(detail.handover.map((h) => h.id)));
  const [needsOverride, setNeedsOverride] = useState(false);
  const [poaPages, setPoaPages] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => {
    setV((p) => ({ ...p, [k]: value }));
    setErrors({});
  };

  // The handover list is ticked already; the clerk starts at who collects, and Enter in the last field hands over.
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-testid="deliver-kind"]')?.focus();
  }, []);

  async function importPoa(file: File): Promise<void> {
    const data = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    const r = await transport.invoke('scans.import', { intakeId: deliveryId, source: 'file', fileName: file.name, dataBase64: btoa(binary) });
    if (!r.ok) return setErrors({ powerOfAttorney: errorText(r.error) });
    setPoaPages((n) => n + r.value.added);
    setErrors({});
  }

  async function deliver(): Promise<void> {
    if (sending) return;
    const collector =
      kind === 'post'
        ? { kind, courier: v.courier, trackingNo: v.trackingNo, address: v.address }
        : kind === 'agent'
          ? { kind, name: v.name, idType, idNumber: v.idNumber }
          : { kind, idType, idNumber: v.idNumber };
    setSending(true);
    const r = await transport.invoke('deliveries.deliver', {
      caseNo: detail.caseNo,
      deliveryId,
      collector,
      handedOver: [...ticked],
      ...(needsOverride ? { override: { supervisor: v.supervisor.trim(), reason: v.reason }, supervisorPassword: v.supervisorPassword } : {}),
    });
    setSending(false);
    if (r.ok) return onDelivered();
    if (r.error.reason === 'collector_id_mismatch' && !needsOverride) setNeedsOverride(true);
    setV((p) => ({ ...p, supervisorPassword: '' }));
    const filed = fileError(r.error, errorText(r.error), (f) => (FIELDS as readonly string[]).includes(f));
    setErrors(filed);
    const first = Object.keys(filed)[0];
    if (first) box.current?.querySelector<HTMLElement>(`[data-error-for="${first}"]`)?.focus();
  }

  const err = (f: (typeof FIELDS)[number]): string | undefined => errors[f];
  return (
    <form
      ref={box}
      className="deliver-form"
      aria-labelledby={`${id}-t`}
      data-testid="deliver-form"
      onSubmit={(e) => {
        e.preventDefault();
        void deliver();
      }}
      onKeyDown={(e) => enterAdvances(() => void deliver())(e)}
    >
      <h3>{t('delivery.handover')}</h3>
      {detail.handover.map((h) => (
        <CheckField
          key={h.id}
          label={h.name}
          checked={ticked.has(h.id)}
          onChecked={(on) => setTicked((prev) => { const next = new Set(prev); if (on) next.add(h.id); else next.delete(h.id); return next; })}
          testId={`deliver-hand-${h.id}`}
        />
      ))}
      {err('handedOver') && <p className="field-error" role="alert" data-testid="deliver-handedOver-error">{err('handedOver')}</p>}
      <h3 id={`${id}-t`}>{t('delivery.collector')}</h3>
      <div className="row">
        <SelectField label={t('delivery.collectorKind')} value={kind} onValue={(x) => setKind(COLLECTOR_KINDS.find((k) => k === x) ?? 'applicant')} options={COLLECTOR_KINDS.map((k) => ({ value: k, label: t(COLLECTOR_LABEL[k]) }))} testId="deliver-kind" />
        {kind !== 'post' && (
          <>
            <SelectField label={t('delivery.idType')} value={idType} onValue={(x) => setIdType(ID_DOC_TYPES.find((k) => k === x) ?? 'resident_id')} options={ID_DOC_TYPES.map((k) => ({ value: k, label: t(ID_TYPE_LABEL[k]) }))} testId="deliver-idType" />
            {kind === 'agent' && <Field label={t('delivery.agentName')} value={v.name} onValue={set('name')} error={err('collector.name')} testId="deliver-name" data-error-for="collector.name" maxLength={50} />}
            <Field label={kind === 'agent' ? t('delivery.agentIdNumber') : t('delivery.idNumber')} value={v.idNumber} onValue={set('idNumber')} error={err('collector.idNumber')} testId="deliver-idNumber" data-error-for="collector.idNumber" maxLength={40} />
          </>
        )}
      </div>
      {kind === 'agent' && (
        <div className="field" data-testid="deliver-poa">
          <label htmlFor={`${id}-poa`}>{t('delivery.powerOfAttorney')}</label>
          <input id={`${id}-poa`} type="file" accept="image/*,application/pdf" data-testid="deliver-poa-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importPoa(f); }} />
          <p className={err('powerOfAttorney') ? 'field-error' : 'field-hint'} role={err('powerOfAttorney') ? 'alert' : undefined} data-testid="deliver-poa-state">
            {err('powerOfAttorney') ?? t('delivery.poaPages', { n: poaPages })}
          </p>
        </div>
      )}
      {kind === 'post' && (
        <div className="row">
          <Field label={t('delivery.courier')} value={v.courier} onValue={set('courier')} error={err('collector.courier')} testId="deliver-courier" data-error-for="collector.courier" maxLength={50} />
          <Field label={t('delivery.trackingNo')} value={v.trackingNo} onValue={set('trackingNo')} error={err('collector.trackingNo')} testId="deliver-trackingNo" data-error-for="collector.trackingNo" maxLength={40} />
          <Field label={t('delivery.address')} className="wide" value={v.address} onValue={set('address')} error={err('collector.address')} testId="deliver-address" data-error-for="collector.address" maxLength={300} />
        </div>
      )}
      {needsOverride && (
        <fieldset className="override" data-testid="deliver-override">
          <legend>{t('delivery.overrideTitle')}</legend>
          <p className="field-hint">{t('delivery.overrideLead')}</p>
          <Field label={t('delivery.overrideReason')} className="wide" value={v.reason} onValue={set('reason')} error={err('override.reason')} testId="deliver-override-reason" data-error-for="override.reason" maxLength={500} />
          <div className="row">
            <Field label={t('fees.supervisor')} value={v.supervisor} onValue={set('supervisor')} error={err('override.supervisor')} testId="deliver-override-supervisor" maxLength={32} />
            <Field label={t('fees.password')} type="password" value={v.supervisorPassword} onValue={set('supervisorPassword')} error={err('supervisorPassword')} testId="deliver-override-password" data-error-for="supervisorPassword" maxLength={200} />
          </div>
        </fieldset>
      )}
      {errors[''] && (
        <p className="form-error" role="alert" data-testid="deliver-error">
          {errors['']}
        </p>
      )}
      <p className="actions">
        <button type="submit" className="primary big" disabled={sending} data-testid="deliver-submit">
          {sending ? t('form.sending') : t('delivery.deliver')} <Kbd>Enter</Kbd>
        </button>{' '}
        <span className="field-hint">
          <Kbd>Enter</Kbd> {t('keys.nextField')} · <Kbd>Esc</Kbd> {t('delivery.backToList')}
        </span>
      </p>
    </form>
  );
}

/** The delivery as recorded, and its 领取回执: the roll's button has the focus (Enter), the other prints A4. */
function Delivered({ caseNo, delivery }: { caseNo: string; delivery: NonNullable<Detail['delivery']> }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const [printed, setPrinted] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  async function print(layout: 'receipt' | 'a4'): Promise<void> {
    if (printing) return;
    setPrinting(true);
    const r = await transport.invoke('deliveries.printReceipt', { caseNo, layout });
    setPrinting(false);
    setPrinted(r.ok ? t('delivery.receiptPrinted', { printer: r.value.printer, documentNo: r.value.documentNo }) : errorText(r.error));
  }
  return (
    <div className="delivered" role="status" data-testid="delivered">
      <p>
        <strong>{t('delivery.delivered')}</strong> · {t(RELATION_LABEL[delivery.relation])} · {delivery.collectorName}
        {delivery.collectorIdNumber && <span className="sub-id">{delivery.collectorIdNumber}</span>} · {dateTime(delivery.deliveredAt)} · {delivery.staff}
        {delivery.overrideBy && <span className="badge" data-testid="delivered-override">{t('delivery.overriddenBy', { name: delivery.overrideBy })}</span>}
      </p>
      {delivery.post && <p data-testid="delivered-post">{t('delivery.postSent', { courier: delivery.post.courier, trackingNo: delivery.post.trackingNo })}</p>}
      <p className="actions">
        {/* Not disabled while printing: a disabled button drops the focus, and Esc would no longer reach the page. */}
        <button type="button" ref={first} className="primary" onClick={() => void print('receipt')} aria-busy={printing} data-testid="receipt-print-roll">
          {t('delivery.printRoll')} <Kbd>Enter</Kbd>
        </button>{' '}
        <button type="button" onClick={() => void print('a4')} aria-busy={printing} data-testid="receipt-print-a4">
          {t('delivery.printA4')}
        </button>
      </p>
      {printed && <p className="field-hint" data-testid="receipt-printed">{printed}</p>}
    </div>
  );
}
