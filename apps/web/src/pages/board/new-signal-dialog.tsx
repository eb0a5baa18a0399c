/**
 * "Nieuw signaal": registers a client whose trajectory starts in stage Signaal (POST /api/clients). Any participant
 * may bring a signal in; the casusoverleg then decides on inclusion.
 */
import { isIsoDate, isSubstantive, SIGNAL_SOURCES } from '@koers/machines/trajectory';
import { api } from '../../api/api-client';
import type { Me } from '../../auth/session';
import type { FormValues } from '../../events/event-form.machine';
import { type FieldSpec, SUBSTANTIVE_MESSAGE } from '../../events/event-forms';
import { FormDialog } from '../../events/form-dialog';
import { SOURCE_LABELS } from '../../trajectory/labels';
import { todayIso } from '../../ui/format';
import { useApi } from '../../ui/use-api';

/** The 11-test of a burgerservicenummer (8 digits read with a leading zero), as the server checks it. */
export function isValidBsn(value: string): boolean {
  if (!/^\d{8,9}$/.test(value)) return false;
  const digits = value.padStart(9, '0').split('').map(Number);
  if (digits.every((d) => d === 0)) return false;
  return digits.reduce((sum, digit, i) => sum + digit * (i === 8 ? -1 : 9 - i), 0) % 11 === 0;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function NewSignalDialog({
  me,
  onClose,
  onSaved,
}: {
  me: Me;
  onClose: () => void;
  onSaved: (clientId: string) => void;
}) {
  const ownSource = (SIGNAL_SOURCES as readonly string[]).includes(me.partyKind) ? me.partyKind : '';
  const several = me.memberTeamIds.length > 1;
  const teams = useApi<{ id: string; name: string }[]>(several ? '/teams' : null);

  const fields: FieldSpec[] = [
    ...(several
      ? [
          {
            kind: 'select' as const,
            name: 'teamId',
            label: 'Casusoverleg',
            required: true,
            options: (teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          },
        ]
      : []),
    {
      kind: 'text',
      name: 'displayName',
      label: 'Naam van de cliënt',
      description: 'Zoals het casusoverleg de cliënt noemt, bijvoorbeeld J. de Vries.',
      required: true,
      minLength: 2,
    },
    { kind: 'date', name: 'birthDate', label: 'Geboortedatum (niet verplicht)' },
    {
      kind: 'text',
      name: 'bsn',
      label: 'Burgerservicenummer (niet verplicht)',
      description: 'Wordt nooit in lijsten getoond.',
    },
    {
      kind: 'select',
      name: 'source',
      label: 'Van wie komt het signaal?',
      required: true,
      options: SIGNAL_SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] })),
    },
    {
      kind: 'textarea',
      name: 'description',
      label: 'Wat is er gesignaleerd?',
      description: 'Feiten en zorgen, zo concreet mogelijk.',
      required: true,
      substantive: true,
    },
  ];

  const check = (values: FormValues) => {
    const fieldErrors: Record<string, string> = {};
    const name = text(values.displayName);
    const birthDate = text(values.birthDate);
    const bsn = text(values.bsn).replace(/\s/g, '');
    const description = text(values.description);
    if (several && !text(values.teamId)) fieldErrors.teamId = 'Kies het casusoverleg.';
    if (name.length < 2) fieldErrors.displayName = name ? 'Vul minstens 2 tekens in.' : 'Vul dit veld in.';
    if (name.length > 120) fieldErrors.displayName = 'Gebruik hoogstens 120 tekens.';
    if (birthDate && !isIsoDate(birthDate)) fieldErrors.birthDate = 'Vul een geldige datum in.';
    else if (birthDate > todayIso()) fieldErrors.birthDate = 'Deze datum ligt in de toekomst.';
    if (bsn && !isValidBsn(bsn))
      fieldErrors.bsn = 'Dit is geen geldig burgerservicenummer (9 cijfers die de elfproef doorstaan).';
    if (!text(values.source)) fieldErrors.source = 'Maak een keuze.';
    if (!isSubstantive(description))
      fieldErrors.description = description ? SUBSTANTIVE_MESSAGE : 'Vul dit veld in.';
    return {
      fieldErrors,
      formErrors: [],
      payload: {
        displayName: name,
        ...(birthDate ? { birthDate } : {}),
        ...(bsn ? { bsn } : {}),
        ...(several ? { teamId: text(values.teamId) } : {}),
        signal: { source: text(values.source), description },
      },
    };
  };

  return (
    <FormDialog<{ client: { id: string } }>
      title="Nieuw signaal registreren"
      intro="Het signaal komt op het bord in de fase Signaal. Het casusoverleg besluit binnen drie weken over insluiting."
      fields={() => fields}
      initial={{ teamId: '', displayName: '', birthDate: '', bsn: '', source: ownSource, description: '' }}
      check={check}
      send={(payload) => api<{ client: { id: string } }>('/clients', { method: 'POST', body: payload })}
      submitLabel="Signaal registreren"
      onClose={onClose}
      onSaved={(detail) => onSaved(detail.client.id)}
    />
  );
}
