/**
 * Thin React wrappers around the NL Design System (Utrecht community) CSS components, so pages read as
 * Dutch forms and tables rather than class names. Every control has a visible label; errors are tied to their
 * field with aria-describedby; nothing relies on colour alone.
 */
import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { ApiError } from '../api/api-client';

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

export function Heading({ level, children, id }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={`utrecht-heading-${level}`}>
      {children}
    </Tag>
  );
}

export function Paragraph({
  children,
  lead,
  small,
}: {
  children: ReactNode;
  lead?: boolean;
  small?: boolean;
}) {
  return (
    <p
      className={cx(
        'utrecht-paragraph',
        lead && 'utrecht-paragraph--lead',
        small && 'utrecht-paragraph--small',
      )}
    >
      {children}
    </p>
  );
}

type ButtonKind = 'primary' | 'secondary' | 'subtle' | 'danger';
const BUTTON_CLASS: Record<ButtonKind, string> = {
  primary: 'utrecht-button--primary-action',
  secondary: 'utrecht-button--secondary-action',
  subtle: 'utrecht-button--subtle',
  danger: 'utrecht-button--primary-action utrecht-button--danger',
};

export function Button({
  kind = 'secondary',
  busy,
  className,
  type = 'button',
  children,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; busy?: boolean }) {
  return (
    <button
      type={type}
      className={cx('utrecht-button', BUTTON_CLASS[kind], busy && 'utrecht-button--busy', className)}
      aria-busy={busy || undefined}
      disabled={disabled || busy}
      {...rest}
    >
      {children}
    </button>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="utrecht-button-group koers-button-group">{children}</div>;
}

interface FieldProps {
  label: string;
  description?: ReactNode;
  error?: string | null;
  /** Rendered inside the field: receives the control's id and the ids describing it. */
  children: (control: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
}

export function FormField({ label, description, error, children }: FieldProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('utrecht-form-field', error && 'utrecht-form-field--invalid')}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
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
      <div className="utrecht-form-field__input">
        {children({ id, describedBy, invalid: Boolean(error) })}
      </div>
    </div>
  );
}

export function TextInput({
  invalid,
  className,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      className={cx(
        'utrecht-textbox utrecht-textbox--html-input',
        invalid && 'utrecht-textbox--invalid',
        className,
      )}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}

export function TextArea({
  invalid,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return (
    <textarea
      className={cx(
        'utrecht-textarea utrecht-textarea--html-textarea',
        invalid && 'utrecht-textarea--invalid',
      )}
      aria-invalid={invalid || undefined}
      rows={4}
      {...rest}
    />
  );
}

export function Select({
  invalid,
  options,
  placeholder,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & {
  invalid?: boolean;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <select
      className={cx('utrecht-select utrecht-select--html-select', invalid && 'utrecht-select--invalid')}
      aria-invalid={invalid || undefined}
      {...rest}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function Checkbox({ label, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }) {
  const id = useId();
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <input
        id={id}
        type="checkbox"
        className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
        {...rest}
      />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}

type AlertKind = 'info' | 'ok' | 'warning' | 'error';

export function Alert({ kind = 'info', children }: { kind?: AlertKind; children: ReactNode }) {
  // Errors interrupt (role=alert); the others are announced politely.
  return (
    <div
      className={`utrecht-alert utrecht-alert--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={kind === 'error' ? undefined : 'polite'}
    >
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** A failed request, in Dutch, with the statechart's reasons when it gave any. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.message
      : 'Er ging iets mis. Laad de pagina opnieuw en probeer het nog eens.';
  return <Alert kind="error">{message}</Alert>;
}

export function Loading({ what = 'Gegevens' }: { what?: string }) {
  return (
    <p className="utrecht-paragraph koers-loading" role="status" aria-live="polite">
      {what} worden geladen…
    </p>
  );
}

type BadgeKind = 'neutral' | 'danger' | 'warning' | 'safe';

export function StatusBadge({ kind = 'neutral', children }: { kind?: BadgeKind; children: ReactNode }) {
  return <span className={`utrecht-status-badge utrecht-status-badge--${kind}`}>{children}</span>;
}

/**
 * A table that scrolls sideways inside its own box when it is wider than the page. The box is a named, focusable
 * region, so keyboard users can scroll it too (WCAG 2.1.1; axe `scrollable-region-focusable`).
 */
export function Table({ caption, children }: { caption: ReactNode; children: ReactNode }) {
  const captionId = useId();
  return (
    <div
      className="utrecht-table-container utrecht-table-container--overflow-inline"
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
    >
      <table className="utrecht-table utrecht-table--html-table">
        <caption id={captionId} className="utrecht-table__caption">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function DataList({ items }: { items: { term: string; value: ReactNode }[] }) {
  return (
    <dl className="utrecht-data-list utrecht-data-list--rows">
      {items.map((item) => (
        <div className="utrecht-data-list__item" key={item.term}>
          <dt className="utrecht-data-list__item-key">{item.term}</dt>
          <dd className="utrecht-data-list__item-value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
