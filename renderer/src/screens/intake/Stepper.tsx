import { useTranslation } from 'react-i18next';
import { STEP_LABEL } from './labels.js';
import { STEPS, type Step } from './types.js';

/** Where the clerk is in the intake: numbered steps, the current one marked. */
export function Stepper({ step }: { step: Step }): React.JSX.Element {
  const { t } = useTranslation();
  const at = STEPS.indexOf(step as (typeof STEPS)[number]);
  return (
    <ol className="stepper" data-testid="stepper">
      {STEPS.map((s, i) => (
        <li key={s} className={i === at ? 'current' : i < at ? 'past' : undefined} aria-current={i === at ? 'step' : undefined}>
          <span className="num">{i + 1}</span> {t(STEP_LABEL[s])}
        </li>
      ))}
    </ol>
  );
}
