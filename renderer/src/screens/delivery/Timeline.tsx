import { useTranslation } from 'react-i18next';
import type { HandlerResult } from '../../../../core/api/contract.js';
import { keyOf } from '../../i18n/keys.js';
import { dateTime } from '../cases/outcomeLabel.js';
import { RELATION_LABEL, TIMELINE_LABEL } from './labels.js';

type Step = HandlerResult<'cases.get'>['timeline'][number];

/** A case's life, oldest first: the intake, the back office's steps, the delivery wherever it was made, a refusal, a resubmission. */
export function Timeline({ steps }: { steps: readonly Step[] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="timeline" aria-label={t('timeline.title')}>
      <h3>{t('timeline.title')}</h3>
      <ol data-testid="timeline">
        {steps.map((s, i) => {
          const label = keyOf(TIMELINE_LABEL, s.step);
          const relation = s.note ? keyOf(RELATION_LABEL, s.note) : undefined;
          return (
            <li key={`${s.step}-${i}`} data-testid={`timeline-${s.step}`} data-step={s.step}>
              <strong>{label ? t(label) : s.step}</strong> · {dateTime(s.at)}
              {s.by && <> · {s.by}</>}
              {s.where && <> · {t('timeline.where', { where: s.where })}</>}
              {s.note && <span className="sub-id">{relation ? t(relation) : s.note}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
