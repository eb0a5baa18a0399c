/**
 * "Meting vastleggen" (and correcting one): the instrument, the date, one radio group per item with the
 * instrument's own answer scale, and its extra scales (MHQoL's 0–10 well-being). A partial form may be stored: the
 * total then stays empty, which the form says while it is filled in. Driven by the same form statechart as the
 * trajectory's events (events/event-form.machine.ts): checks before sending, sending, and the API's answer.
 */
import { isIsoDate, isSubstantive } from '@koers/machines/trajectory';
import { useMachine } from '@xstate/react';
import { useEffect, useId, useMemo, useRef } from 'react';
import { fromPromise } from 'xstate';
import { api, ApiError } from '../api/api-client';
import { Dialog } from '../events/dialog';
import { eventFormMachine, type FormCheck, type FormValues } from '../events/event-form.machine';
import { SUBSTANTIVE_MESSAGE } from '../events/event-forms';
import { sendFailureOf } from '../events/form-dialog';
import { Alert, Button, ButtonGroup, FormField, Paragraph, TextArea, TextInput } from '../ui/components';
import { todayIso } from '../ui/format';
import type { Instrument, Measurement } from './recovery-types';
import { itemLabel } from './recovery-types';
import { formatMeasuredOn } from './trend-chart';

const answerKey = (instrumentId: string, itemId: string) => `${instrumentId}.${itemId}`;
const extraKey = (instrumentId: string, scaleId: string) => `${instrumentId}.extra.${scaleId}`;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The answers of one instrument in the form's values. */
function answersOf(instrument: Instrument, values: FormValues) {
  const answers: Record<string, number> = {};
  for (const item of instrument.items) {
    const value = text(values[answerKey(instrument.id, item.id)]);
    if (value !== '') answers[item.id] = Number(value);
  }
  const extraScores: Record<string, number> = {};
  for (const scale of instrument.extraScales) {
    const value = text(values[extraKey(instrument.id, scale.id)]);
    if (value !== '') extraScores[scale.id] = Number(value);
  }
  return { answers, extraScores };
}

/** The API's field errors (`answers.q3`, `measuredAt`) as the form's, in Dutch. */
function fieldErrorsOf(error: unknown, instrumentId: string): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    const [head, ...rest] = (detail.field ?? '').split('.');
    if (head === 'answers' && rest.length === 1)
      errors[answerKey(instrumentId, rest[0])] = 'Dit antwoord valt buiten de schaal.';
    if (head === 'extraScores' && rest.length === 1)
      errors[extraKey(instrumentId, rest[0])] = 'Deze waarde valt buiten de schaal.';
    if (head === 'measuredAt') errors.measuredAt = 'Vul een geldige datum in die niet in de toekomst ligt.';
  }
  return errors;
}

/** One question of the form: its options side by side, each with the scale's label; a radio group by name. */
function ScaleQuestion({
  legend,
  hint,
  name,
  options,
  value,
  error,
  onChange,
  numbersOnly,
}: {
  legend: string;
  hint?: string;
  name: string;
  options: { value: number; label: string }[];
  value: string;
  error?: string;
  onChange(value: string): void;
  numbersOnly?: boolean;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={`koers-scale${error ? ' koers-scale--invalid' : ''}${numbersOnly ? ' koers-scale--numbers' : ''}`}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      data-question={name}
    >
      <legend className="koers-scale__legend">{legend}</legend>
      <div className="koers-scale__body">
        {hint && (
          <p id={hintId} className="koers-scale__hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={errorId} className="utrecht-form-field-error-message">
            {error}
          </p>
        )}
        <div className="koers-scale__options">
          {options.map((option) => (
            <label key={option.value} className="koers-scale__option">
              <input
                type="radio"
                className="utrecht-radio-button utrecht-radio-button--html-input"
                name={`${id}-${name}`}
                value={String(option.value)}
                checked={value === String(option.value)}
                onChange={() => onChange(String(option.value))}
              />
              {numbersOnly ? (
                <>
                  <span className="koers-scale__value">{option.value}</span>
                  {option.label !== String(option.value) && (
                    <span className="koers-visually-hidden"> ({option.label})</span>
                  )}
                </>
              ) : (
                <>
                  {/* The label names the answer; the number is the scale's position, for the eye. */}
                  <span className="koers-scale__value" aria-hidden="true">
                    {option.value}
                  </span>
                  <span className="koers-scale__label">{option.label}</span>
                </>
              )}
            </label>
          ))}
        </div>
        {value !== '' && (
          <button type="button" className="koers-scale__clear" onClick={() => onChange('')}>
            Antwoord wissen<span className="koers-visually-hidden">: {legend}</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}

export interface MeasurementDialogProps {
  clientId: string;
  instruments: Instrument[];
  /** Correcting this measurement (its instrument stays); absent: a new one. */
  measurement?: Measurement;
  onClose(): void;
  onSaved(saved: Measurement): void;
}

export function MeasurementDialog({
  clientId,
  instruments,
  measurement,
  onClose,
  onSaved,
}: MeasurementDialogProps) {
  const correcting = measurement !== undefined;
  const initial = useMemo<FormValues>(() => {
    const values: FormValues = {
      instrumentId: measurement?.instrumentId ?? instruments[0]?.id ?? '',
      measuredAt: measurement?.measuredOn ?? todayIso(),
      reason: '',
    };
    if (measurement) {
      for (const [itemId, answer] of Object.entries(measurement.answers))
        values[answerKey(measurement.instrumentId, itemId)] = String(answer);
      for (const [scaleId, score] of Object.entries(measurement.extraScores))
        values[extraKey(measurement.instrumentId, scaleId)] = String(score);
    }
    return values;
  }, [measurement, instruments]);

  const fieldErrorsRef = useRef<Record<string, string>>({});
  const machine = useMemo(
    () =>
      eventFormMachine.provide({
        actors: {
          send: fromPromise(async ({ input }) => {
            const { instrumentId, body } = input.payload as { instrumentId: string; body: unknown };
            try {
              return correcting
                ? await api<Measurement>(`/clients/${clientId}/recovery-measurements/${measurement.id}`, {
                    method: 'PUT',
                    body,
                  })
                : await api<Measurement>(`/clients/${clientId}/recovery-measurements`, {
                    method: 'POST',
                    body,
                  });
            } catch (error) {
              fieldErrorsRef.current = fieldErrorsOf(error, instrumentId);
              throw sendFailureOf(error);
            }
          }),
        },
      }),
    [clientId, correcting, measurement],
  );
  const [state, send] = useMachine(machine, { input: { values: initial } });
  const { values, fieldErrors, reasons, error } = state.context;
  const instrument = instruments.find((i) => i.id === values.instrumentId) ?? instruments[0];
  const problemsRef = useRef<HTMLDivElement>(null);
  const ended = useRef(false);
  const sending = state.matches('sending');
  const editing = state.matches('editing');

  useEffect(() => {
    if (!ended.current && state.matches('saved')) {
      ended.current = true;
      onSaved(state.context.result as Measurement);
    }
  });
  // The server's field errors (rare: the form checks the same) next to their question.
  const serverErrors = error ? fieldErrorsRef.current : {};
  const errors = { ...serverErrors, ...fieldErrors };
  const errorCount = Object.keys(errors).length;
  const problemCount = errorCount + reasons.length + (error ? 1 : 0);
  useEffect(() => {
    if (problemCount > 0 && editing) problemsRef.current?.focus();
  }, [problemCount, error, editing]);

  if (!instrument) return null;
  const { answers, extraScores } = answersOf(instrument, values);
  const answered = Object.keys(answers).length;
  const itemCount = instrument.items.length;
  const total = answered === itemCount ? Object.values(answers).reduce((a, b) => a + b, 0) : null;

  const check = (): FormCheck => {
    const found: Record<string, string> = {};
    const date = text(values.measuredAt);
    if (!isIsoDate(date)) found.measuredAt = 'Vul een geldige datum in.';
    else if (date > todayIso()) found.measuredAt = 'Deze datum ligt in de toekomst.';
    if (answered === 0) found.answers = 'Beantwoord minstens één item.';
    const reason = text(values.reason).trim();
    if (correcting && !isSubstantive(reason))
      found.reason = reason ? SUBSTANTIVE_MESSAGE : 'Vul de reden van de correctie in.';
    const body = correcting
      ? { measuredAt: date, answers, extraScores, reason }
      : {
          instrumentId: instrument.id,
          measuredAt: date,
          answers,
          ...(instrument.extraScales.length > 0 ? { extraScores } : {}),
        };
    return { fieldErrors: found, formErrors: [], payload: { instrumentId: instrument.id, body } };
  };
  const change = (name: string, value: string) => send({ type: 'CHANGE', name, value });

  return (
    <Dialog
      title={correcting ? `Meting ${instrument.name} corrigeren` : 'Meting vastleggen'}
      onClose={sending ? () => undefined : onClose}
      wide
    >
      <form
        noValidate
        className="koers-measurement-form"
        onSubmit={(event) => {
          event.preventDefault();
          fieldErrorsRef.current = {};
          send({ type: 'SUBMIT', check: check() });
        }}
      >
        <div ref={problemsRef} tabIndex={-1} className="koers-problems">
          {errorCount > 0 && (
            <Alert kind="error">
              {errorCount === 1
                ? 'Eén onderdeel is nog niet goed ingevuld.'
                : `${errorCount} onderdelen zijn nog niet goed ingevuld.`}
            </Alert>
          )}
          {reasons.length > 0 && (
            <Alert kind="error">
              <ul className="utrecht-unordered-list">
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </Alert>
          )}
          {error && <Alert kind="error">{error}</Alert>}
        </div>

        {correcting ? (
          <Paragraph>
            De meting van {formatMeasuredOn(measurement.measuredOn)}. De eerdere antwoorden en uw reden
            blijven bewaard.
          </Paragraph>
        ) : (
          <fieldset className="koers-scale koers-scale--instrument">
            <legend className="koers-scale__legend">Instrument</legend>
            <div className="koers-scale__body">
              <div className="koers-instrument-choice">
                {instruments.map((option) => (
                  <label key={option.id} className="koers-scale__option koers-instrument-choice__option">
                    <input
                      type="radio"
                      className="utrecht-radio-button utrecht-radio-button--html-input"
                      name="instrumentId"
                      value={option.id}
                      checked={instrument.id === option.id}
                      onChange={() => change('instrumentId', option.id)}
                    />
                    <span className="koers-scale__value">{option.name}</span>
                    <span className="koers-scale__label">
                      <span className="koers-visually-hidden">: </span>
                      {option.description}
                    </span>
                  </label>
                ))}
              </div>
            </div>
          </fieldset>
        )}

        <div className="koers-measurement-form__date">
          <FormField label="Datum van de meting" error={errors.measuredAt}>
            {({ id, describedBy, invalid }) => (
              <TextInput
                id={id}
                type="date"
                name="measuredAt"
                aria-required
                aria-describedby={describedBy}
                invalid={invalid}
                max={todayIso()}
                value={text(values.measuredAt)}
                onChange={(event) => change('measuredAt', event.target.value)}
              />
            )}
          </FormField>
        </div>

        <p className="koers-measurement-form__note">
          {instrument.scoring.description} {instrument.validity.description} U kunt een meting ook
          gedeeltelijk vastleggen; die krijgt dan geen totaal.
        </p>
        {errors.answers && <p className="utrecht-form-field-error-message">{errors.answers}</p>}

        <div className="koers-measurement-form__items">
          {instrument.items.map((item) => (
            <ScaleQuestion
              key={`${instrument.id}-${item.id}`}
              legend={itemLabel(item)}
              hint={item.text ? item.shortLabel : undefined}
              name={answerKey(instrument.id, item.id)}
              options={instrument.scale.labels}
              value={text(values[answerKey(instrument.id, item.id)])}
              error={errors[answerKey(instrument.id, item.id)]}
              onChange={(value) => change(answerKey(instrument.id, item.id), value)}
            />
          ))}
          {instrument.extraScales.map((scale) => (
            <ScaleQuestion
              key={`${instrument.id}-${scale.id}`}
              legend={`${scale.shortLabel} (${scale.min}–${scale.max}, telt niet mee in het totaal)`}
              hint={`${scale.min} = ${scale.minLabel}, ${scale.max} = ${scale.maxLabel}`}
              name={extraKey(instrument.id, scale.id)}
              options={Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
                const value = scale.min + i;
                const label =
                  value === scale.min ? scale.minLabel : value === scale.max ? scale.maxLabel : String(value);
                return { value, label };
              })}
              numbersOnly
              value={text(values[extraKey(instrument.id, scale.id)])}
              error={errors[extraKey(instrument.id, scale.id)]}
              onChange={(value) => change(extraKey(instrument.id, scale.id), value)}
            />
          ))}
        </div>

        <p className="koers-measurement-form__count" role="status" aria-live="polite">
          {total !== null
            ? `Alle ${itemCount} items beantwoord: totaal ${total} (${instrument.scoring.range.min}–${instrument.scoring.range.max}).`
            : `${answered} van ${itemCount} items beantwoord. Het totaal telt pas als alle items beantwoord zijn.`}
        </p>

        {correcting && (
          <FormField
            label="Reden van de correctie"
            description="Bijvoorbeeld: antwoorden verkeerd overgenomen van het papieren formulier."
            error={errors.reason}
          >
            {({ id, describedBy, invalid }) => (
              <TextArea
                id={id}
                name="reason"
                aria-required
                aria-describedby={describedBy}
                invalid={invalid}
                rows={3}
                value={text(values.reason)}
                onChange={(event) => change('reason', event.target.value)}
              />
            )}
          </FormField>
        )}

        <ButtonGroup>
          <Button kind="primary" type="submit" busy={sending}>
            {correcting ? 'Correctie vastleggen' : 'Meting vastleggen'}
          </Button>
          <Button kind="secondary" onClick={onClose} disabled={sending}>
            Annuleren
          </Button>
        </ButtonGroup>
        <p className="koers-visually-hidden" role="status">
          {sending ? 'Bezig met vastleggen…' : ''}
        </p>
      </form>
    </Dialog>
  );
}
