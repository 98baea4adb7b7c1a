import { useTranslation } from 'react-i18next';
import { dateTime } from '../cases/outcomeLabel.js';
import { LAYOUT_LABEL } from './labels.js';
import type { NoticePrint } from './useNoticeData.js';

/** Every print of the case's notice, oldest first, with its state; a valid one can be voided. */
export function NoticePrints({ prints, onVoid }: { prints: readonly NoticePrint[] | null; onVoid: (p: NoticePrint) => void }): React.JSX.Element {
  const { t } = useTranslation();
  if (prints === null) return <p aria-busy="true">{t('shell.loading')}</p>;
  if (prints.length === 0) {
    return (
      <p className="empty" data-testid="notice-prints-none">
        {t('notice.noPrints')}
      </p>
    );
  }
  const which = (p: NoticePrint): string => (p.printNo === 0 ? t('notice.firstPrint') : t('notice.reprintNo', { n: p.printNo }));
  return (
    <table className="table notice-prints" data-testid="notice-prints">
      <thead>
        <tr>
          <th>{t('notice.col_which')}</th>
          <th>{t('notice.col_documentNo')}</th>
          <th>{t('notice.col_layout')}</th>
          <th>{t('notice.col_printer')}</th>
          <th>{t('notice.col_printedAt')}</th>
          <th>{t('notice.col_state')}</th>
          <th>
            <span className="visually-hidden">{t('notice.void')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {prints.map((p) => (
          <tr key={`${p.kind}-${p.printNo}`} className={p.voided ? 'voided' : undefined} data-testid={`notice-print-${p.printNo}`} data-voided={p.voided}>
            <td>{which(p)}</td>
            <td className="code">{p.documentNo}</td>
            <td>
              {t(LAYOUT_LABEL[p.layout])} · {t(p.language === 'en' ? 'notice.lang_en' : 'notice.lang_zh-CN')}
            </td>
            <td>{p.printer}</td>
            <td>
              {dateTime(p.printedAt)} · {p.staff}
            </td>
            <td data-testid={`notice-print-${p.printNo}-state`}>{p.voided ? t('notice.voided', { reason: p.voidReason ?? '' }) : t('notice.valid')}</td>
            <td>
              {!p.voided && (
                <button type="button" className="small" onClick={() => onVoid(p)} aria-label={t('notice.voidWhich', { which: which(p), documentNo: p.documentNo })} data-testid={`notice-void-${p.printNo}`}>
                  {t('notice.void')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
