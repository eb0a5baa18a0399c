import { useEffect, useState } from 'react';
import { api } from '../../api/api-client';
import type { Me } from '../../auth/session';
import { isIsoDate, isSubstantive } from '@koers/machines/trajectory';
import type { FormValues } from '../../events/event-form.machine';
import { SUBSTANTIVE_MESSAGE, type FieldSpec } from '../../events/event-forms';
import { FormDialog } from '../../events/form-dialog';
import { JOURNAL_CATEGORY_OPTIONS, JOURNAL_KIND_OPTIONS, partyLabel } from '../../trajectory/labels';
import { Alert, Button, ErrorAlert, Heading, Loading, Paragraph } from '../../ui/components';
import { formatDate, formatDateTime, todayIso } from '../../ui/format';
import { useApi } from '../../ui/use-api';

interface JournalEntry {
  id: string;
  kindLabel: string;
  categoryLabel: string;
  text: string;
  occurredAt: string;
  authorName: string;
  partyKind: string;
}

const whenOf = (occurredAt: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(occurredAt) ? formatDate(`${occurredAt}T12:00:00Z`) : formatDateTime(occurredAt);

/** The client's journal between meetings (read, newest first), and a note of one's own. */
export function JournalSection({ clientId, me, tick }: { clientId: string; me: Me; tick: number }) {
  const journal = useApi<JournalEntry[]>(`/clients/${clientId}/journal`);
  const { reload } = journal;
  // The page asks for a reload after every step (tick > 0).
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  // Only the categories the user's party may write (need-to-know); the server checks again.
  const categories = JOURNAL_CATEGORY_OPTIONS.filter((c) => me.categories.includes(c.dataCategory));
  const fields: FieldSpec[] = [
    { kind: 'select', name: 'kind', label: 'Soort', required: true, options: [...JOURNAL_KIND_OPTIONS] },
    {
      kind: 'select',
      name: 'category',
      label: 'Onderwerp',
      description: 'Bepaalt wie het mag lezen: alleen partijen die dit onderwerp mogen zien.',
      required: true,
      options: categories.map(({ value, label }) => ({ value, label })),
    },
    { kind: 'textarea', name: 'text', label: 'Tekst', required: true, substantive: true },
    { kind: 'date', name: 'occurredAt', label: 'Datum', required: true },
  ];
  const check = (values: FormValues) => {
    const fieldErrors: Record<string, string> = {};
    const text = typeof values.text === 'string' ? values.text.trim() : '';
    const date = typeof values.occurredAt === 'string' ? values.occurredAt : '';
    if (!values.kind) fieldErrors.kind = 'Maak een keuze.';
    if (!values.category) fieldErrors.category = 'Maak een keuze.';
    if (!isSubstantive(text)) fieldErrors.text = text ? SUBSTANTIVE_MESSAGE : 'Vul dit veld in.';
    if (!isIsoDate(date)) fieldErrors.occurredAt = 'Vul een geldige datum in.';
    else if (date > todayIso()) fieldErrors.occurredAt = 'Deze datum ligt in de toekomst.';
    return {
      fieldErrors,
      formErrors: [],
      payload: { kind: values.kind, category: values.category, text, occurredAt: date },
    };
  };

  return (
    <section aria-labelledby="journaal" className="koers-card">
      <div className="koers-card__head">
        <Heading level={2} id="journaal">
          Journaal
        </Heading>
        {categories.length > 0 && (
          <span className="koers-no-print">
            <Button kind="secondary" onClick={() => setAdding(true)}>
              Notitie toevoegen
            </Button>
          </span>
        )}
      </div>
      {saved && <Alert kind="ok">De notitie is toegevoegd.</Alert>}
      <ErrorAlert error={journal.error} />
      {!journal.data && journal.loading && <Loading what="Het journaal" />}
      {journal.data && journal.data.length === 0 && <Paragraph>Nog geen notities.</Paragraph>}
      {journal.data && journal.data.length > 0 && (
        <ul className="koers-journal">
          {journal.data.map((entry) => (
            <li key={entry.id} className="koers-journal__item">
              <p className="koers-journal__meta">
                <strong>{entry.kindLabel}</strong> · {entry.categoryLabel} · {whenOf(entry.occurredAt)}
              </p>
              <p className="koers-journal__text">{entry.text}</p>
              <p className="koers-cell-sub">
                {entry.authorName} · {partyLabel(entry.partyKind)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {adding && (
        <FormDialog
          title="Notitie toevoegen aan het journaal"
          fields={() => fields}
          initial={{ kind: 'note', category: categories[0]?.value ?? '', text: '', occurredAt: todayIso() }}
          check={check}
          send={(payload) => api(`/clients/${clientId}/journal`, { method: 'POST', body: payload })}
          submitLabel="Toevoegen"
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setSaved(true);
            journal.reload();
          }}
        />
      )}
    </section>
  );
}
