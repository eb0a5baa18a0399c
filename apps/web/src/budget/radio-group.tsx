import { useId } from 'react';

/**
 * A group of radio buttons in a fieldset with a legend (NL Design System Utrecht classes): the kind of a spend,
 * the outcome of a review. Arrow keys move between the options, as browsers do for radios with one name.
 */
export function RadioGroup<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  description,
}: {
  legend: string;
  name: string;
  value: V | '';
  options: { value: V; label: string; hint?: string }[];
  onChange(value: V): void;
  error?: string | null;
  description?: string;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const descriptionId = description ? `${id}-description` : undefined;
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-budget-radios${
        error ? ' utrecht-form-fieldset--invalid' : ''
      }`}
      aria-describedby={[descriptionId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {legend}
      </legend>
      {description && (
        <div id={descriptionId} className="utrecht-form-field-description">
          {description}
        </div>
      )}
      {error && (
        <div id={errorId} className="utrecht-form-field-error-message">
          {error}
        </div>
      )}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div className="utrecht-form-field utrecht-form-field--radio" key={option.value}>
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={optionId}>
                {option.label}
              </label>
            </div>
            <div className="utrecht-form-field__input">
              <input
                id={optionId}
                type="radio"
                name={`${name}-${id}`}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                className="utrecht-radio-button utrecht-radio-button--html-input"
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
            </div>
            {option.hint && (
              <div
                id={`${optionId}-hint`}
                className="utrecht-form-field-description koers-budget-radios__hint"
              >
                {option.hint}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
