import { useId } from 'react';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/**
 * A small radio group (layout, language): ←/→ (or ↑/↓) move the choice, as in any radio group;
 * Tab leaves it. Each radio is `data-testid="<testId>-<value>"`.
 */
export function ChoiceGroup<V extends string>({ legend, value, choices, onValue, testId }: { legend: string; value: V; choices: readonly Choice<V>[]; onValue: (v: V) => void; testId: string }): React.JSX.Element {
  const name = useId();
  return (
    <fieldset className="choice-group" data-testid={testId}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value} className={c.value === value ? 'chosen' : undefined}>
          <input type="radio" name={name} value={c.value} checked={c.value === value} onChange={() => onValue(c.value)} data-testid={`${testId}-${c.value}`} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
