import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../core/api/contract.js';
import { SelectField } from '../../ui/Field.js';
import { useErrorText } from '../../useErrorText.js';
import { ChoiceGroup } from './ChoiceGroup.js';
import { printerSaid } from './printError.js';
import { printerLabel } from './printerText.js';
import type { NoticePanelModel } from './useNoticePanel.js';
import type { NoticeLayout } from './useNoticeData.js';

/** Layout (A4 or the 80 mm roll), language (zh-CN official, en) and the printer of the next print. */
export function NoticeOptions({ panel }: { panel: NoticePanelModel }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { list, error } = panel.printers;
  const printers = list?.printers ?? [];
  const options = printers.map((p) => ({ value: p.name, label: printerLabel(t, p) }));
  // A printer set for the kind that the system does not know (any more) is shown, not dropped.
  if (panel.printer && !printers.some((p) => p.name === panel.printer)) options.push({ value: panel.printer, label: t('notice.printerMissing', { name: panel.printer }) });
  if (!panel.printer) options.unshift({ value: '', label: list ? t('notice.printerNone') : t('notice.printersLoading') });
  const said = error ? printerSaid(error) : null;

  return (
    <div className="notice-options">
      <div className="row">
        <ChoiceGroup<NoticeLayout>
          legend={t('notice.layout')}
          value={panel.layout}
          choices={[
            { value: 'a4', label: t('notice.layout_a4') },
            { value: 'receipt', label: t('notice.layout_receipt') },
          ]}
          onValue={panel.setLayout}
          testId="notice-layout"
        />
        <ChoiceGroup<Language>
          legend={t('notice.language')}
          value={panel.language}
          choices={[
            { value: 'zh-CN', label: t('notice.language_zh-CN') },
            { value: 'en', label: t('notice.language_en') },
          ]}
          onValue={panel.setLanguage}
          testId="notice-language"
        />
      </div>
      <SelectField label={t('notice.printer')} value={panel.printer} onValue={panel.setPrinter} options={options} testId="notice-printer" />
      {error && (
        <p className="field-error" role="alert" data-testid="notice-printers-error">
          {errorText(error)} {said && t('notice.printerSaid', { message: said })}
        </p>
      )}
    </div>
  );
}
