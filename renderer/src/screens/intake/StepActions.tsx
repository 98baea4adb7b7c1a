import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';

/** Back and next buttons at the foot of a step, with their keys; they are for the mouse, the keys do the same. */
export function StepActions({ onBack, onNext, nextLabel }: { onBack: () => void; onNext: () => void; nextLabel?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="actions step-actions">
      <button type="button" onClick={onBack} tabIndex={-1} data-testid="step-back">
        {t('intake.back')} <Kbd>Esc</Kbd>
      </button>
      <button type="button" className="primary" onClick={onNext} data-testid="step-next">
        {nextLabel ?? t('intake.next')} <Kbd>Ctrl+Enter</Kbd>
      </button>
    </div>
  );
}
