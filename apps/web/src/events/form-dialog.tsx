/**
 * A form in a dialog, driven by the event-form statechart (@xstate/react useMachine): checks before sending, asks
 * for confirmation before an irreversible step, sends, and reports how it ended. Used for every trajectory event,
 * for a new signal and for a journal note.
 */
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef } from 'react';
import { fromPromise } from 'xstate';
import { ApiError } from '../api/api-client';
import { Alert, Button, ButtonGroup, Paragraph } from '../ui/components';
import { Dialog } from './dialog';
import { eventFormMachine, type FormCheck, type FormValues, type SendFailure } from './event-form.machine';
import type { FieldSpec } from './event-forms';
import { FormFieldControl } from './form-fields';

export const CONFLICT_MESSAGE =
  'Iemand anders heeft deze cliënt net gewijzigd. De gegevens zijn opnieuw geladen: bekijk de wijziging en probeer het zo nodig opnieuw.';

const looksDutch = (text: string) => /[ëéï]|\b(de|het|een|niet|kan|geen|moet)\b/i.test(text);

/** An API failure as the form machine takes it: a conflict, a refusal with Dutch reasons, or a Dutch error. */
export function sendFailureOf(error: unknown): SendFailure {
  if (error instanceof ApiError && error.isConflict) return { kind: 'conflict', message: CONFLICT_MESSAGE };
  if (error instanceof ApiError && error.status === 422) {
    const reasons = error.details.map((d) => d.message).filter(looksDutch);
    return { kind: 'refused', reasons: reasons.length > 0 ? reasons : [error.message] };
  }
  return {
    kind: 'failed',
    message:
      error instanceof ApiError
        ? error.message
        : 'Er ging iets mis. Controleer de verbinding en probeer het opnieuw.',
  };
}

export interface FormDialogProps<T> {
  title: string;
  intro?: string;
  fields: (values: FormValues) => FieldSpec[];
  initial: FormValues;
  check: (values: FormValues) => FormCheck;
  /** Sends the checked payload; throws what the API throws (see sendFailureOf). */
  send: (payload: unknown) => Promise<T>;
  confirm?: boolean;
  submitLabel: string;
  danger?: boolean;
  onClose: () => void;
  onSaved: (result: T) => void;
  onConflict?: (message: string) => void;
}

export function FormDialog<T>(props: FormDialogProps<T>) {
  const { title, intro, fields, initial, check, confirm, submitLabel, danger, onClose } = props;
  const sendRef = useRef(props.send);
  sendRef.current = props.send;
  const machine = useMemo(
    () =>
      eventFormMachine.provide({
        actors: {
          send: fromPromise(async ({ input }) => {
            try {
              return await sendRef.current(input.payload);
            } catch (error) {
              throw sendFailureOf(error);
            }
          }),
        },
      }),
    [],
  );
  const [state, send] = useMachine(machine, { input: { values: initial, confirm } });
  const { values, fieldErrors, reasons, error } = state.context;
  const problemsRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const ended = useRef(false);

  useEffect(() => {
    if (ended.current) return;
    if (state.matches('saved')) {
      ended.current = true;
      props.onSaved(state.context.result as T);
    }
    if (state.matches('conflict')) {
      ended.current = true;
      props.onConflict?.(state.context.conflictMessage ?? CONFLICT_MESSAGE);
    }
  });

  // Problems found on submit: focus their summary, so a keyboard or screen-reader user hears them at once.
  const problemCount = reasons.length + (error ? 1 : 0) + Object.keys(fieldErrors).length;
  const editing = state.matches('editing');
  useEffect(() => {
    if (problemCount > 0 && editing) problemsRef.current?.focus();
  }, [problemCount, reasons, error, editing]);

  const confirming = state.matches('confirming');
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const sending = state.matches('sending');
  const errorCount = Object.keys(fieldErrors).length;

  return (
    <Dialog title={title} onClose={sending ? () => undefined : onClose}>
      {confirming ? (
        <div ref={confirmRef} tabIndex={-1} className="koers-confirm">
          <Alert kind="warning">
            <strong>Weet u het zeker? Dit kan niet ongedaan worden gemaakt.</strong>
          </Alert>
          {intro && <Paragraph>{intro}</Paragraph>}
          <ButtonGroup>
            <Button kind="danger" onClick={() => send({ type: 'CONFIRM' })}>
              Ja, {submitLabel.toLowerCase()}
            </Button>
            <Button kind="secondary" onClick={() => send({ type: 'BACK' })}>
              Nee, terug naar het formulier
            </Button>
          </ButtonGroup>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send({ type: 'SUBMIT', check: check(values) });
          }}
        >
          {intro && <Paragraph>{intro}</Paragraph>}
          <div ref={problemsRef} tabIndex={-1} className="koers-problems">
            {errorCount > 0 && (
              <Alert kind="error">
                {errorCount === 1
                  ? 'Eén veld is nog niet goed ingevuld.'
                  : `${errorCount} velden zijn nog niet goed ingevuld.`}
              </Alert>
            )}
            {reasons.length > 0 && (
              <Alert kind="error">
                <p className="utrecht-paragraph">Dit kan zo niet:</p>
                <ul className="utrecht-unordered-list">
                  {reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </Alert>
            )}
            {error && <Alert kind="error">{error}</Alert>}
          </div>
          {fields(values).map((field) => (
            <FormFieldControl
              key={field.name}
              field={field}
              value={values[field.name]}
              error={fieldErrors[field.name]}
              onChange={(value) => send({ type: 'CHANGE', name: field.name, value })}
            />
          ))}
          <ButtonGroup>
            <Button kind={danger ? 'danger' : 'primary'} type="submit" busy={sending}>
              {submitLabel}
            </Button>
            <Button kind="secondary" onClick={onClose} disabled={sending}>
              Annuleren
            </Button>
          </ButtonGroup>
          <p className="koers-visually-hidden" role="status">
            {sending ? 'Bezig met vastleggen…' : ''}
          </p>
        </form>
      )}
    </Dialog>
  );
}
