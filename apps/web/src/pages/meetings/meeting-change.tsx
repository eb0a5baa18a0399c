import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/api-client';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import {
  Button,
  ButtonGroup,
  ErrorAlert,
  Fieldset,
  FormField,
  Paragraph,
  TextInput,
} from '../../ui/components';
import { todayIso } from '../../ui/format';
import { amsterdamDateTime, amsterdamFields, formatLongDate, formatTimeRange } from './meeting-time';
import type { MeetingView } from './meeting-types';

export interface MeetingFields {
  date: string;
  time: string;
  durationMinutes: string;
  location: string;
}

/** Checks the planning fields in Dutch before anything is sent; returns the errors per field. */
export function checkMeetingFields(fields: MeetingFields): Partial<Record<keyof MeetingFields, string>> {
  const errors: Partial<Record<keyof MeetingFields, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date)) errors.date = 'Vul een datum in.';
  else if (fields.date < todayIso()) errors.date = 'Kies vandaag of een latere datum.';
  if (!/^\d{2}:\d{2}$/.test(fields.time)) errors.time = 'Vul een aanvangstijd in, bijvoorbeeld 13:00.';
  const duration = Number(fields.durationMinutes);
  if (!Number.isInteger(duration) || duration < 15 || duration > 480) {
    errors.durationMinutes = 'De duur is een heel aantal minuten tussen 15 en 480.';
  }
  if (fields.location.trim().length === 1) errors.location = 'Een locatie heeft ten minste 2 tekens.';
  return errors;
}

/** The date, time, duration and place fields, shared by planning and moving a meeting. */
export function MeetingFieldsInputs({
  fields,
  errors,
  onChange,
}: {
  fields: MeetingFields;
  errors: Partial<Record<keyof MeetingFields, string>>;
  onChange(fields: MeetingFields): void;
}) {
  const set = (key: keyof MeetingFields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...fields, [key]: event.target.value });
  return (
    <div className="koers-form-row">
      <FormField label="Datum" error={errors.date}>
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            type="date"
            min={todayIso()}
            aria-required="true"
            value={fields.date}
            onChange={set('date')}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
      <FormField label="Aanvang" error={errors.time}>
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            type="time"
            aria-required="true"
            value={fields.time}
            onChange={set('time')}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
      <FormField label="Duur in minuten" error={errors.durationMinutes}>
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            type="number"
            inputMode="numeric"
            min={15}
            max={480}
            step={15}
            aria-required="true"
            value={fields.durationMinutes}
            onChange={set('durationMinutes')}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
      <FormField label="Locatie (optioneel)" error={errors.location}>
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            autoComplete="off"
            value={fields.location}
            onChange={set('location')}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
    </div>
  );
}

/** Move a planned meeting to another date, time or place (chair). */
export function MoveMeetingForm({
  meeting,
  onMoved,
  onClose,
}: {
  meeting: MeetingView;
  onMoved(moved: MeetingView): void;
  onClose(): void;
}) {
  const start = amsterdamFields(meeting.startsAt);
  const [fields, setFields] = useState<MeetingFields>({
    date: start.date,
    time: start.time,
    durationMinutes: String(meeting.durationMinutes),
    location: meeting.location ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof MeetingFields, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Opened from a button: the keyboard continues in the form.
  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkMeetingFields(fields);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const moved = await api<MeetingView>(`/meetings/${meeting.id}`, {
        method: 'PATCH',
        body: {
          startsAt: amsterdamDateTime(fields.date, fields.time),
          durationMinutes: Number(fields.durationMinutes),
          ...(fields.location.trim() ? { location: fields.location.trim() } : {}),
        },
      });
      onMoved(moved);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="koers-panel">
      <Fieldset legend={`Vergadering van ${formatLongDate(meeting.startsAt)} verplaatsen`}>
        <ErrorAlert error={error} />
        <MeetingFieldsInputs fields={fields} errors={errors} onChange={setFields} />
        <ButtonGroup>
          <Button kind="primary" type="submit" busy={busy}>
            Wijziging opslaan
          </Button>
          <Button kind="secondary" onClick={onClose} disabled={busy}>
            Niet wijzigen
          </Button>
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}

/** Cancel a planned meeting (chair), after confirmation: a cancelled meeting cannot be planned again. */
export function CancelMeetingButton({
  meeting,
  onCancelled,
}: {
  meeting: MeetingView;
  onCancelled(cancelled: MeetingView): void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const when = `${formatLongDate(meeting.startsAt)}, ${formatTimeRange(meeting.startsAt, meeting.endsAt)}`;

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      const cancelled = await api<MeetingView>(`/meetings/${meeting.id}`, {
        method: 'PATCH',
        body: { status: 'cancelled' },
      });
      setAsking(false);
      onCancelled(cancelled);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button kind="subtle" onClick={() => setAsking(true)}>
        Annuleren<span className="koers-visually-hidden"> de vergadering van {when}</span>
      </Button>
      <ConfirmDialog
        open={asking}
        title="Vergadering annuleren?"
        confirmLabel="Vergadering annuleren"
        cancelLabel="Terug"
        kind="danger"
        busy={busy}
        onConfirm={() => void cancel()}
        onCancel={() => setAsking(false)}
      >
        <ErrorAlert error={error} />
        <Paragraph>
          De vergadering van {when}
          {meeting.location ? ` (${meeting.location})` : ''} wordt geannuleerd. Dit kan niet ongedaan worden
          gemaakt: plan zo nodig een nieuwe vergadering.
        </Paragraph>
        <Paragraph small>
          Deelnemers die het agendabestand hebben opgeslagen, zien de annulering na het opnieuw downloaden.
        </Paragraph>
      </ConfirmDialog>
    </>
  );
}
