/**
 * "Inbreng bij het signaal": the handreiking's questions for a new case (3.7), every party's answers side by side
 * (the same table as in the meeting), and a form for the reader's own party's answers. Open on the page while the
 * client is a signal; folded away later, when it is background. Only for participants of the client's own
 * casusoverleg (the API answers 404 to others).
 */
import { isIsoDate, isSubstantive } from '@koers/machines/trajectory';
import { useState } from 'react';
import { api } from '../../api/api-client';
import type { Me } from '../../auth/session';
import type { FormValues } from '../../events/event-form.machine';
import { type FieldSpec, SUBSTANTIVE_MESSAGE } from '../../events/event-forms';
import { FormDialog } from '../../events/form-dialog';
import { type CaseIntakeView, IntakeAnswersTable } from '../../intake/intake-table';
import { Alert, Button, ErrorAlert, Heading, Loading, Paragraph } from '../../ui/components';
import { todayIso } from '../../ui/format';
import { useApi } from '../../ui/use-api';

/** The data category of each answer (libs/access INTAKE_ANSWER_CATEGORIES and LIFE_DOMAIN_CATEGORIES). */
const QUESTION_CATEGORIES: Record<string, string> = {
  facts: 'trajectory',
  inViewSince: 'trajectory',
  involvement: 'trajectory',
  careNow: 'health',
  careBefore: 'health',
  offences: 'justice',
  nuisance: 'justice',
};
const DOMAIN_CATEGORIES: Record<string, string> = {
  meaning: 'trajectory',
  housing: 'housing',
  finances: 'finances',
  social_relations: 'trajectory',
  physical_health: 'health',
  mental_health: 'health',
  work_and_activities: 'trajectory',
};
const DOMAIN_PREFIX = 'domain.';
const TEXT_MAX = 4000;
const FACTS_MAX = 8000;
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function IntakeForm({
  clientId,
  intake,
  me,
  onClose,
  onSaved,
}: {
  clientId: string;
  intake: CaseIntakeView;
  me: Me;
  onClose(): void;
  onSaved(view: CaseIntakeView): void;
}) {
  const own = intake.answers.find((a) => a.party === me.partyKind)?.answers ?? {};
  const ownDomains = (own.lifeDomains ?? {}) as Record<string, unknown>;
  // The questions of the categories the party may see; its earlier answers to others are kept as they are.
  const mayAnswer = (category: string | undefined) => me.categories.includes(category ?? 'health');
  const questions = intake.questions.filter(
    (q) => q.id !== 'lifeDomains' && mayAnswer(QUESTION_CATEGORIES[q.id]),
  );
  const domains = intake.lifeDomains.filter((d) => mayAnswer(DOMAIN_CATEGORIES[d.id]));
  const domainsQuestion = intake.questions.find((q) => q.id === 'lifeDomains');

  const fields: FieldSpec[] = [];
  for (const question of questions) {
    if (question.id === 'inViewSince') {
      fields.push({ kind: 'date', name: question.id, label: question.label });
    } else if (question.id === 'facts') {
      fields.push({
        kind: 'textarea',
        name: question.id,
        label: question.label,
        description: 'Verplicht. Feiten en signalen die uw organisatie kent.',
        required: true,
        substantive: true,
      });
    } else {
      fields.push({ kind: 'textarea', name: question.id, label: question.label });
    }
    // The life domains come after "Wat is uw betrokkenheid?", as in the handreiking.
    if (question.id === 'involvement') {
      domains.forEach((domain, i) =>
        fields.push({
          kind: 'text',
          name: `${DOMAIN_PREFIX}${domain.id}`,
          label: domain.label,
          description:
            i === 0 ? `${domainsQuestion?.label ?? 'Levensdomeinen'} Laat leeg wat u niet weet.` : undefined,
        }),
      );
    }
  }
  const initial: FormValues = {};
  for (const field of fields) {
    const value = field.name.startsWith(DOMAIN_PREFIX)
      ? ownDomains[field.name.slice(DOMAIN_PREFIX.length)]
      : own[field.name];
    initial[field.name] = typeof value === 'string' ? value : '';
  }

  const check = (values: FormValues) => {
    const fieldErrors: Record<string, string> = {};
    const answers: Record<string, unknown> = {};
    const lifeDomains: Record<string, string> = {};
    // What the party wrote earlier under categories it no longer sees (or never answered here) stays.
    for (const [key, value] of Object.entries(own)) if (key !== 'lifeDomains') answers[key] = value;
    for (const [key, value] of Object.entries(ownDomains))
      if (typeof value === 'string') lifeDomains[key] = value;
    for (const field of fields) {
      const value = str(values[field.name]);
      const max = field.name === 'facts' ? FACTS_MAX : TEXT_MAX;
      if (value.length > max) fieldErrors[field.name] = `Hoogstens ${max} tekens.`;
      if (field.name.startsWith(DOMAIN_PREFIX)) {
        const domain = field.name.slice(DOMAIN_PREFIX.length);
        if (value) lifeDomains[domain] = value;
        else delete lifeDomains[domain];
        continue;
      }
      if (value) answers[field.name] = value;
      else delete answers[field.name];
    }
    const facts = str(values.facts);
    if (!isSubstantive(facts)) fieldErrors.facts = facts ? SUBSTANTIVE_MESSAGE : 'Vul dit veld in.';
    const since = str(values.inViewSince);
    if (since && !isIsoDate(since)) fieldErrors.inViewSince = 'Vul een geldige datum in.';
    else if (since && since > todayIso()) fieldErrors.inViewSince = 'Deze datum ligt in de toekomst.';
    if (Object.keys(lifeDomains).length > 0) answers.lifeDomains = lifeDomains;
    return { fieldErrors, formErrors: [], payload: answers };
  };

  return (
    <FormDialog
      title="Inbreng van uw organisatie"
      intro="De vragen van de handreiking voor een nieuwe casus. Vul in wat uw organisatie weet; de andere partijen zien alleen wat zij mogen zien."
      fields={() => fields}
      initial={initial}
      check={check}
      send={(payload) => api<CaseIntakeView>(`/clients/${clientId}/intake`, { method: 'PUT', body: payload })}
      submitLabel="Opslaan"
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}

export function IntakeSection({
  clientId,
  displayName,
  me,
  signalStage,
}: {
  clientId: string;
  displayName: string;
  me: Me;
  /** The client is a new signal: the answers are what the meeting decides on, so they are shown open. */
  signalStage: boolean;
}) {
  const intake = useApi<CaseIntakeView>(`/clients/${clientId}/intake`);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const view = intake.data;
  const answered = view?.answers.some((a) => a.party === me.partyKind) ?? false;
  const count = view?.answers.length ?? 0;

  const body = view && (
    <>
      {count === 0 ? (
        <Paragraph>Nog geen partij heeft de vragen voor een nieuwe casus beantwoord.</Paragraph>
      ) : (
        <IntakeAnswersTable intake={view} displayName={displayName} />
      )}
    </>
  );

  return (
    <section id="inbreng" aria-labelledby="inbreng-kop" className="koers-card koers-client-intake">
      <div className="koers-card__head">
        <Heading level={2} id="inbreng-kop">
          Inbreng per partij (handreiking)
        </Heading>
        {view && (
          <span className="koers-no-print">
            <Button
              kind={signalStage && !answered ? 'primary' : 'secondary'}
              onClick={() => setEditing(true)}
            >
              {answered ? 'Onze inbreng bijwerken' : 'Onze inbreng invullen'}
            </Button>
          </span>
        )}
      </div>
      {saved && <Alert kind="ok">De inbreng van uw organisatie is opgeslagen.</Alert>}
      <ErrorAlert error={intake.error} />
      {!view && intake.loading && <Loading what="De inbreng" />}
      {view &&
        (signalStage ? (
          <>
            <Paragraph small>
              Voor het besluit over insluiting beantwoordt elke partij dezelfde vragen (handreiking 3.7).
            </Paragraph>
            {body}
          </>
        ) : (
          <details className="koers-details">
            <summary>
              {count === 0
                ? 'Geen inbreng vastgelegd bij het signaal'
                : `Inbreng bij het signaal bekijken (${count === 1 ? '1 partij' : `${count} partijen`})`}
            </summary>
            {body}
          </details>
        ))}
      {editing && view && (
        <IntakeForm
          clientId={clientId}
          intake={view}
          me={me}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            intake.reload();
          }}
        />
      )}
    </section>
  );
}
