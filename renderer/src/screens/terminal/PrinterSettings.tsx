import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../core/api/contract.js';
import { DOCUMENT_KINDS, type DocumentKind as PrinterKind } from '../../../../core/notices/kinds.js';
import type { Key } from '../../i18n/keys.js';
import { useTransport } from '../../transport/context.js';
import { SelectField } from '../../ui/Field.js';
import { useErrorText } from '../../useErrorText.js';
import { printerSaid } from '../notices/printError.js';
import { printerState } from '../notices/printerText.js';
import { usePrinters } from '../notices/usePrinters.js';

/** Each kind of document's label: a new kind in core/notices/kinds.ts does not compile until it has one. */
const KIND_LABEL: Readonly<Record<PrinterKind, Key>> = {
  accepted: 'printers.kind_accepted',
  correction: 'printers.kind_correction',
  rejected: 'printers.kind_rejected',
  completed: 'printers.kind_completed',
  delivery: 'printers.kind_delivery',
  payment: 'printers.kind_payment',
};

/**
 * 打印机: the printers of this terminal with their state, and which one each kind of document
 * prints to (settings.setPrinter, supervisors and admins; journaled). A choice is saved as soon as
 * it is made. Clerks see the same, read-only.
 */
export function PrinterSettings({ role }: { role: Role }): React.JSX.Element {
  const { t } = useTranslation();
  const transport = useTransport();
  const errorText = useErrorText();
  const { list, error, reload } = usePrinters();
  const [saved, setSaved] = useState<{ kind: PrinterKind; printer: string } | null>(null);
  const [refused, setRefused] = useState<{ kind: PrinterKind; text: string } | null>(null);
  const canEdit = role === 'supervisor' || role === 'admin';

  async function choose(kind: PrinterKind, printer: string): Promise<void> {
    setSaved(null);
    setRefused(null);
    const r = await transport.invoke('settings.setPrinter', { kind, printer });
    if (r.ok) {
      setSaved({ kind, printer });
      reload();
    } else setRefused({ kind, text: errorText(r.error) });
  }

  const printers = list?.printers ?? [];
  const said = error ? printerSaid(error) : null;
  return (
    <section className="printer-settings" aria-labelledby="printers-title" data-testid="printer-settings">
      <h2 id="printers-title">{t('printers.title')}</h2>
      {error && (
        <p className="form-error" role="alert" data-testid="printers-error">
          {errorText(error)} {said && t('notice.printerSaid', { message: said })}
        </p>
      )}
      {!list && !error && <p aria-busy="true">{t('notice.printersLoading')}</p>}
      {list && printers.length === 0 && (
        <p className="empty" data-testid="printers-none">
          {t('printers.none')}
        </p>
      )}
      {printers.length > 0 && (
        <table className="table" data-testid="printers-list">
          <thead>
            <tr>
              <th>{t('printers.name')}</th>
              <th>{t('printers.description')}</th>
              <th>{t('printers.state')}</th>
            </tr>
          </thead>
          <tbody>
            {printers.map((p) => (
              <tr key={p.name} data-testid={`printer-${p.name}`}>
                <td className="code">
                  {p.name}
                  {p.isDefault && <span className="badge">{t('printers.default')}</span>}
                </td>
                <td>{p.description}</td>
                <td className={`printer-state state-${p.state}${p.acceptingJobs ? '' : ' refusing'}`} data-testid={`printer-${p.name}-state`}>
                  {printerState(t, p)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="sub">{t('printers.perKind')}</h3>
      {!canEdit && <p className="field-hint">{t('printers.supervisorOnly')}</p>}
      <div className="row printer-kinds">
        {DOCUMENT_KINDS.map((kind) => {
          const current = list?.chosen[kind] ?? '';
          const options = printers.map((p) => ({ value: p.name, label: `${p.name} · ${printerState(t, p)}` }));
          if (current && !printers.some((p) => p.name === current)) options.push({ value: current, label: t('notice.printerMissing', { name: current }) });
          if (!current) options.unshift({ value: '', label: t('printers.notSet') });
          return (
            <SelectField
              key={kind}
              label={t(KIND_LABEL[kind])}
              value={current}
              onValue={(v) => {
                if (v) void choose(kind, v);
              }}
              options={options}
              testId={`printer-kind-${kind}`}
              disabled={!canEdit || !list}
              error={refused?.kind === kind ? refused.text : null}
            />
          );
        })}
      </div>
      {saved && (
        <p className="ok" role="status" data-testid="printers-saved">
          {t('printers.saved', { kind: t(KIND_LABEL[saved.kind]), printer: saved.printer })}
        </p>
      )}
      <p className="actions">
        <button type="button" onClick={reload} data-testid="printers-refresh">
          {t('printers.refresh')}
        </button>
      </p>
    </section>
  );
}
