/**
 * Renders the fields of a form description (event-forms.ts) with the NL Design System controls: every control
 * labelled, choices as fieldsets with a legend, errors tied to their control with aria-describedby.
 */
import { useId } from 'react';
import { Checkbox, FormField, Select, TextArea, TextInput } from '../ui/components';
import type { FormValue } from './event-form.machine';
import type { FieldOption, FieldSpec } from './event-forms';

interface FieldProps {
  field: FieldSpec;
  value: FormValue | undefined;
  error?: string;
  onChange: (value: FormValue) => void;
}

const asText = (value: FormValue | undefined): string => (typeof value === 'string' ? value : '');
const asList = (value: FormValue | undefined): string[] => (Array.isArray(value) ? value : []);

/** A group of radio buttons or checkboxes: a fieldset whose legend is the question. */
function ChoiceGroup({
  field,
  kind,
  options,
  checked,
  error,
  onToggle,
}: {
  field: FieldSpec;
  kind: 'radio' | 'checkbox';
  options: FieldOption[];
  checked: (value: string) => boolean;
  error?: string;
  onToggle: (value: string, on: boolean) => void;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const descriptionId = field.description ? `${id}-description` : undefined;
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-choices${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={[descriptionId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {field.label}
      </legend>
      {field.description && (
        <div id={descriptionId} className="utrecht-form-field-description">
          {field.description}
        </div>
      )}
      {error && (
        <div id={errorId} className="utrecht-form-field-error-message">
          {error}
        </div>
      )}
      {options.map((option, index) => {
        const optionId = `${id}-${index}`;
        const hintId = option.description ? `${optionId}-hint` : undefined;
        return (
          <div
            key={option.value}
            className={`utrecht-form-field utrecht-form-field--${kind === 'radio' ? 'radio' : 'checkbox'} koers-choice`}
          >
            <input
              id={optionId}
              type={kind}
              name={`${id}-${field.name}`}
              value={option.value}
              className={
                kind === 'radio'
                  ? 'utrecht-radio-button utrecht-radio-button--html-input'
                  : 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom'
              }
              checked={checked(option.value)}
              disabled={option.disabled}
              aria-describedby={hintId}
              onChange={(event) => onToggle(option.value, event.target.checked)}
            />
            <label
              className={`utrecht-form-label utrecht-form-label--${kind === 'radio' ? 'radio' : 'checkbox'}${option.disabled ? ' utrecht-form-label--disabled' : ''}`}
              htmlFor={optionId}
            >
              {option.label}
            </label>
            {option.description && (
              <div id={hintId} className="utrecht-form-field-description koers-choice__hint">
                {option.description}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

export function FormFieldControl({ field, value, error, onChange }: FieldProps) {
  switch (field.kind) {
    case 'text':
    case 'date':
      return (
        <FormField label={field.label} description={field.description} error={error}>
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              type={field.kind === 'date' ? 'date' : 'text'}
              name={field.name}
              aria-required={field.required || undefined}
              aria-describedby={describedBy}
              invalid={invalid}
              value={asText(value)}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </FormField>
      );
    case 'textarea':
      return (
        <FormField label={field.label} description={field.description} error={error}>
          {({ id, describedBy, invalid }) => (
            <TextArea
              id={id}
              name={field.name}
              aria-required={field.required || undefined}
              aria-describedby={describedBy}
              invalid={invalid}
              rows={3}
              value={asText(value)}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </FormField>
      );
    case 'select':
      return (
        <FormField label={field.label} description={field.description} error={error}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              name={field.name}
              aria-required={field.required || undefined}
              aria-describedby={describedBy}
              invalid={invalid}
              options={field.options}
              placeholder="Maak een keuze"
              value={asText(value)}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </FormField>
      );
    case 'radio':
      return (
        <ChoiceGroup
          field={field}
          kind="radio"
          options={field.options}
          checked={(option) => value === option}
          error={error}
          onToggle={(option) => onChange(option)}
        />
      );
    case 'checkboxes':
      return (
        <ChoiceGroup
          field={field}
          kind="checkbox"
          options={field.options}
          checked={(option) => asList(value).includes(option)}
          error={error}
          onToggle={(option, on) =>
            onChange(on ? [...asList(value), option] : asList(value).filter((v) => v !== option))
          }
        />
      );
    case 'checkbox':
      return (
        <div className="koers-single-checkbox">
          <Checkbox
            label={field.label}
            name={field.name}
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {field.description && <p className="utrecht-form-field-description">{field.description}</p>}
        </div>
      );
  }
}
