import { useId } from 'react';

/**
 * A labelled input with its error (or hint) right under it. The error is tied to the input with
 * aria-describedby and marks it aria-invalid, so a screen reader reads it too; tests find it by
 * `data-testid="<testId>-error"`.
 */
export interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | null | undefined;
  hint?: React.ReactNode;
  testId: string;
  inputRef?: React.Ref<HTMLInputElement>;
}

export function Field({ label, value, onValue, error, hint, testId, inputRef, className, ...rest }: FieldProps): React.JSX.Element {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        autoComplete="off"
        spellCheck={false}
        data-field=""
        data-testid={testId}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? noteId : undefined}
        {...rest}
      />
      {error ? (
        <p id={noteId} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p id={noteId} className="field-hint" data-testid={`${testId}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface SelectFieldProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  testId: string;
  error?: string | null | undefined;
  disabled?: boolean;
}

export function SelectField({ label, value, onValue, options, testId, error, disabled }: SelectFieldProps): React.JSX.Element {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} data-field="" data-testid={testId} value={value} disabled={disabled} onChange={(e) => onValue(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export interface CheckFieldProps {
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  testId: string;
  error?: string | null | undefined;
}

export function CheckField({ label, checked, onChecked, testId, error }: CheckFieldProps): React.JSX.Element {
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <label>
        <input
          type="checkbox"
          data-field=""
          data-testid={testId}
          checked={checked}
          onChange={(e) => onChecked(e.target.checked)}
          aria-invalid={error ? true : undefined}
        />
        {label}
      </label>
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
