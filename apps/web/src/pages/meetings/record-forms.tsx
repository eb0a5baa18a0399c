import { type FormEvent, type ReactNode, useId, useState } from 'react';
import {
  ADDITIONAL_CRITERIA,
  CRITERION_LABELS,
  type Criterion,
  inclusionRefusals,
  isSubstantive,
  meetsInclusionCriteria,
  PARTY_LABELS,
  type Party,
  REQUIRED_CRITERIA,
} from '@koers/machines/trajectory';
import { api, ApiError } from '../../api/api-client';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import {
  Button,
  ButtonGroup,
  Checkbox,
  ErrorAlert,
  Fieldset,
  FormField,
  Paragraph,
  TextArea,
  TextInput,
} from '../../ui/components';
import { todayIso } from '../../ui/format';
import { formatDueDate } from './meeting-time';
import type { ActionView, TeamSetupView } from './meeting-types';

const SUBSTANTIVE = 'Schrijf ten minste een korte zin (10 tekens en 2 woorden).';
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A radio group in the Utrecht style: a fieldset with a legend, one label per option. */
export function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: { value: T; label: ReactNode }[];
  onChange(value: T): void;
}) {
  const id = useId();
  return (
    <Fieldset legend={legend}>
      {options.map((option) => (
        <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={name}
            className="utrecht-radio-button utrecht-radio-button--html-input"
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`${id}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </Fieldset>
  );
}

interface RecordFormProps {
  meetingId: string;
  clientId: string;
  displayName: string;
  /** Called after the API stored it, with what the status message should say. */
  onRecorded(message: string): void;
  /** Someone else changed the trajectory first (409): the page loads it again. */
  onConflict?(): void;
}

/** Submits, keeps the API's failure to show, and reports busy; a 409 reloads what the page shows. */
function useSubmit(onConflict?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.isConflict) onConflict?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

export function NoteForm({ meetingId, clientId, displayName, onRecorded, onConflict }: RecordFormProps) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, run } = useSubmit(onConflict);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isSubstantive(text)) return setInvalid(SUBSTANTIVE);
    setInvalid(null);
    void run(async () => {
      await api(`/meetings/${meetingId}/clients/${clientId}/notes`, { method: 'POST', body: { text } });
      setText('');
      onRecorded(`Notitie over ${displayName} vastgelegd.`);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={error} />
      <FormField label="Notitie" description="Wat is er besproken?" error={invalid}>
        {({ id, describedBy, invalid: isInvalid }) => (
          <TextArea
            id={id}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy}
            invalid={isInvalid}
          />
        )}
      </FormField>
      <ButtonGroup>
        <Button kind="primary" type="submit" busy={busy}>
          Notitie vastleggen
        </Button>
      </ButtonGroup>
    </form>
  );
}

type DecisionKind = 'inclusion' | 'other';

/**
 * A decision with its reasons (chair). For a new case the inclusion decision: criteria of the handreiking (3.6),
 * checked here with the same rules the trajectory machine applies, and sent into the trajectory by the API.
 */
export function DecisionForm({
  meetingId,
  clientId,
  displayName,
  stage,
  onRecorded,
  onConflict,
}: RecordFormProps & { stage: string }) {
  const canDecideInclusion = stage === 'signal';
  const [kind, setKind] = useState<DecisionKind>(canDecideInclusion ? 'inclusion' : 'other');
  const [included, setIncluded] = useState<'yes' | 'no'>('yes');
  const [criteria, setCriteria] = useState<Criterion[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [text, setText] = useState('');
  const [reasons, setReasons] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { busy, error, run } = useSubmit(onConflict);

  const inclusion = canDecideInclusion && kind === 'inclusion';
  const needsOverride = inclusion && included === 'yes' && !meetsInclusionCriteria(criteria);
  const toggle = (criterion: Criterion, on: boolean) =>
    setCriteria((current) => (on ? [...current, criterion] : current.filter((c) => c !== criterion)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!isSubstantive(text)) found.text = SUBSTANTIVE;
    if (!isSubstantive(reasons)) found.reasons = SUBSTANTIVE;
    if (needsOverride && !isSubstantive(overrideReason)) {
      found.override = `Deze cliënt voldoet niet aan de criteria. ${SUBSTANTIVE}`;
    }
    if (inclusion && Object.keys(found).length === 0) {
      // The machine's own rule, in its own Dutch words.
      const refusals = inclusionRefusals({
        type: 'INCLUSION_DECIDED',
        included: included === 'yes',
        criteria,
        reasons,
        ...(needsOverride ? { override: { reason: overrideReason } } : {}),
      });
      if (refusals.length > 0) found.criteria = refusals.map((r) => r.message).join(' ');
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void run(async () => {
      await api(`/meetings/${meetingId}/clients/${clientId}/decisions`, {
        method: 'POST',
        body: {
          text,
          reasons,
          ...(inclusion
            ? {
                inclusion: {
                  included: included === 'yes',
                  criteria,
                  ...(needsOverride ? { override: { reason: overrideReason } } : {}),
                },
              }
            : {}),
        },
      });
      setText('');
      setReasons('');
      setOverrideReason('');
      onRecorded(
        inclusion
          ? `Besluit over insluiting van ${displayName} vastgelegd en in het traject verwerkt.`
          : `Besluit over ${displayName} vastgelegd.`,
      );
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={error} />
      {canDecideInclusion && (
        <RadioGroup<DecisionKind>
          legend="Soort besluit"
          name={`decision-kind-${clientId}`}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'inclusion', label: 'Besluit over insluiting (gaat naar het traject)' },
            { value: 'other', label: 'Ander besluit' },
          ]}
        />
      )}
      {inclusion && (
        <>
          <RadioGroup<'yes' | 'no'>
            legend="Uitkomst"
            name={`included-${clientId}`}
            value={included}
            onChange={setIncluded}
            options={[
              { value: 'yes', label: 'Insluiten in de aanpak' },
              { value: 'no', label: 'Niet insluiten (het traject wordt afgesloten)' },
            ]}
          />
          <Fieldset legend="Vervulde criteria (handreiking 3.6)">
            <Paragraph small>Vereist: beide eerste criteria, en ten minste één van de andere.</Paragraph>
            {problems.criteria && (
              <p className="utrecht-form-field-error-message" role="alert">
                {problems.criteria}
              </p>
            )}
            {[...REQUIRED_CRITERIA, ...ADDITIONAL_CRITERIA].map((criterion) => (
              <Checkbox
                key={criterion}
                label={
                  <>
                    {capitalise(CRITERION_LABELS[criterion])}
                    {(REQUIRED_CRITERIA as readonly string[]).includes(criterion) && ' (vereist)'}
                  </>
                }
                checked={criteria.includes(criterion)}
                onChange={(e) => toggle(criterion, e.target.checked)}
              />
            ))}
          </Fieldset>
          {needsOverride && (
            <FormField
              label="Reden om af te wijken van de criteria"
              description="Insluiten zonder dat de criteria zijn vervuld, kan alleen met een reden."
              error={problems.override}
            >
              {({ id, describedBy, invalid }) => (
                <TextArea
                  id={id}
                  value={overrideReason}
                  onChange={(e) => setOverrideReason(e.target.value)}
                  aria-describedby={describedBy}
                  invalid={invalid}
                />
              )}
            </FormField>
          )}
        </>
      )}
      <FormField label="Besluit" description="Wat is er besloten?" error={problems.text}>
        {({ id, describedBy, invalid }) => (
          <TextArea
            id={id}
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
      <FormField
        label="Onderbouwing"
        description="Waarom? Het besluit moet later uit te leggen zijn."
        error={problems.reasons}
      >
        {({ id, describedBy, invalid }) => (
          <TextArea
            id={id}
            value={reasons}
            onChange={(e) => setReasons(e.target.value)}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
      <ButtonGroup>
        <Button kind="primary" type="submit" busy={busy}>
          Besluit vastleggen
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The owners an action can have: a party that takes part, or one person of the casusoverleg. */
function ownerOptions(team: TeamSetupView | undefined) {
  const parties: { value: string; label: string }[] = [];
  const people: { value: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const [party, participants] of Object.entries(team?.participants ?? {})) {
    if (participants.length === 0) continue;
    parties.push({ value: `party:${party}`, label: PARTY_LABELS[party as Party] ?? party });
    for (const person of participants) {
      if (seen.has(person.userId)) continue;
      seen.add(person.userId);
      people.push({ value: `user:${person.userId}`, label: `${person.displayName} (${person.partyName})` });
    }
  }
  return { parties, people };
}

/** An action (chair): what, who (party or person) and by when; it becomes an action_due deadline. */
export function ActionForm({
  meetingId,
  clientId,
  displayName,
  team,
  onRecorded,
  onConflict,
}: RecordFormProps & { team: TeamSetupView | undefined }) {
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { busy, error, run } = useSubmit(onConflict);
  const { parties, people } = ownerOptions(team);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!isSubstantive(description)) found.description = SUBSTANTIVE;
    if (!owner) found.owner = 'Kies wie de actie uitvoert.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) found.dueDate = 'Vul een datum in.';
    else if (dueDate < todayIso()) found.dueDate = 'Kies vandaag of een latere datum.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const [kind, value] = owner.split(':');
    void run(async () => {
      const action = await api<ActionView>(`/meetings/${meetingId}/clients/${clientId}/actions`, {
        method: 'POST',
        body: {
          description,
          owner: kind === 'party' ? { partyKind: value } : { userId: value },
          dueDate,
        },
      });
      setDescription('');
      setOwner('');
      setDueDate('');
      onRecorded(
        `Actie voor ${displayName} vastgelegd: ${action.owner.displayName ?? action.owner.partyLabel}, uiterlijk ${formatDueDate(action.dueDate)}.`,
      );
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={error} />
      <FormField label="Wat moet er gebeuren?" error={problems.description}>
        {({ id, describedBy, invalid }) => (
          <TextArea
            id={id}
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={describedBy}
            invalid={invalid}
          />
        )}
      </FormField>
      <div className="koers-form-row">
        <FormField label="Eigenaar" description="Een partij of één persoon." error={problems.owner}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              <option value="">Kies een eigenaar</option>
              <optgroup label="Partij">
                {parties.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Persoon">
                {people.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </FormField>
        <FormField
          label="Uiterlijk op"
          description="Twee dagen vooraf krijgt de eigenaar een herinnering; daarna volgt escalatie."
          error={problems.dueDate}
        >
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              type="date"
              min={todayIso()}
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
              aria-describedby={describedBy}
              invalid={invalid}
            />
          )}
        </FormField>
      </div>
      <ButtonGroup>
        <Button kind="primary" type="submit" busy={busy}>
          Actie vastleggen
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** Reports an open action done, after confirmation (it cannot be reopened); an optional note says how. */
export function CloseActionButton({
  action,
  onClosed,
}: {
  action: ActionView;
  onClosed(message: string): void;
}) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const close = () => {
    if (note.trim() && !isSubstantive(note)) return setInvalid(SUBSTANTIVE);
    setInvalid(null);
    void run(async () => {
      await api(`/actions/${action.id}/done`, {
        method: 'POST',
        body: note.trim() ? { note } : {},
      });
      setAsking(false);
      onClosed(`Actie afgerond: ${action.description}`);
    });
  };
  return (
    <>
      <Button kind="secondary" onClick={() => setAsking(true)}>
        Afronden<span className="koers-visually-hidden"> de actie: {action.description}</span>
      </Button>
      <ConfirmDialog
        open={asking}
        title="Actie afronden?"
        confirmLabel="Actie afronden"
        cancelLabel="Terug"
        busy={busy}
        onConfirm={close}
        onCancel={() => setAsking(false)}
      >
        <ErrorAlert error={error} />
        <Paragraph>
          “{action.description}” wordt afgerond. De termijn vervalt en er volgen geen herinneringen meer. Een
          afgeronde actie kan niet worden heropend.
        </Paragraph>
        <FormField label="Toelichting (optioneel)" error={invalid}>
          {({ id, describedBy, invalid: isInvalid }) => (
            <TextArea
              id={id}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby={describedBy}
              invalid={isInvalid}
            />
          )}
        </FormField>
      </ConfirmDialog>
    </>
  );
}
