import { useState } from 'react';
import { PARTY_LABELS, type Party } from '@koers/machines/trajectory';
import { api } from '../../api/api-client';
import { ROLE_LABELS } from '../../auth/session';
import { usePageTitle } from '../../router';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import {
  Alert,
  Button,
  ErrorAlert,
  FormField,
  Heading,
  Loading,
  Paragraph,
  Select,
  StatusBadge,
  Table,
} from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { AdminTabs, type AdminTeamView, type AdminUserView, dutchAdminError } from './admin-shared';
import './admin.css';

type Member = AdminTeamView['members'][number];

function TeamSection({
  team,
  users,
  onChanged,
}: {
  team: AdminTeamView;
  users: AdminUserView[];
  onChanged(message: string): void;
}) {
  const [toAdd, setToAdd] = useState('');
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const candidates = users.filter(
    (u) =>
      !u.disabled &&
      u.role !== 'admin' &&
      u.role !== 'privacy_officer' &&
      !team.members.some((m) => m.userId === u.id),
  );

  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setRemoving(null);
      setToAdd('');
      onChanged(message);
    } catch (failure) {
      setError(dutchAdminError(failure));
    } finally {
      setBusy(false);
    }
  };
  const add = () => {
    const user = candidates.find((u) => u.id === toAdd);
    if (!user) return;
    void run(
      () => api(`/admin/teams/${team.id}/members`, { method: 'POST', body: { userId: user.id } }),
      `${user.displayName} neemt nu deel aan ${team.name}.`,
    );
  };

  return (
    <section className="koers-admin-team" aria-labelledby={`team-${team.id}`}>
      <Heading level={2} id={`team-${team.id}`}>
        {team.name}
      </Heading>
      <Paragraph small>
        {team.municipality.name} ({team.municipality.code}) · {team.members.length} deelnemers
      </Paragraph>
      {!removing && <ErrorAlert error={error} />}
      <Table caption={`Deelnemers aan ${team.name}`}>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['Naam', 'Organisatie', 'Rol', 'Acties'].map((label) => (
              <th key={label} scope="col" className="utrecht-table__header-cell">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {team.members.map((member) => (
            <tr key={member.userId} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {member.displayName}{' '}
                {member.disabled && <StatusBadge kind="neutral">Uitgeschakeld</StatusBadge>}
              </th>
              <td className="utrecht-table__cell">
                {member.party.name} ({PARTY_LABELS[member.party.kind as Party] ?? member.party.kind})
              </td>
              <td className="utrecht-table__cell">{ROLE_LABELS[member.role]}</td>
              <td className="utrecht-table__cell">
                <Button kind="subtle" onClick={() => setRemoving(member)}>
                  Verwijderen
                  <span className="koers-visually-hidden"> uit het casusoverleg: {member.displayName}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form
        className="koers-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <FormField label={`Deelnemer toevoegen aan ${team.name}`}>
          {({ id }) => (
            <Select
              id={id}
              value={toAdd}
              onChange={(e) => setToAdd(e.target.value)}
              placeholder="Kies een gebruiker"
              options={candidates.map((u) => ({ value: u.id, label: `${u.displayName} (${u.party.name})` }))}
            />
          )}
        </FormField>
        <Button type="submit" kind="secondary" disabled={!toAdd} busy={busy && !removing}>
          Toevoegen
        </Button>
      </form>
      <ConfirmDialog
        open={removing !== null}
        title="Deelnemer verwijderen?"
        confirmLabel="Verwijderen"
        cancelLabel="Terug"
        kind="danger"
        busy={busy}
        onConfirm={() =>
          removing &&
          void run(
            () => api(`/admin/teams/${team.id}/members/${removing.userId}`, { method: 'DELETE' }),
            `${removing.displayName} neemt niet meer deel aan ${team.name}.`,
          )
        }
        onCancel={() => setRemoving(null)}
      >
        <ErrorAlert error={error} />
        <Paragraph>
          {removing?.displayName} neemt dan niet meer deel aan {team.name} en ziet de cliënten van dit
          casusoverleg niet meer.
        </Paragraph>
      </ConfirmDialog>
    </section>
  );
}

/** The casusoverleg teams and who takes part in them (admin). */
export function AdminTeamsPage() {
  usePageTitle('Beheer: casusoverleggen');
  const teams = useApi<AdminTeamView[]>('/admin/teams');
  const users = useApi<AdminUserView[]>('/admin/users');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="koers-admin">
      <Heading level={1}>Beheer</Heading>
      <AdminTabs current="teams" />
      <Paragraph lead>
        Wie aan welk casusoverleg deelneemt. Alleen deelnemers zien de cliënten van hun casusoverleg.
      </Paragraph>
      {notice && <Alert kind="ok">{notice}</Alert>}
      {teams.loading && !teams.data && <Loading what="Casusoverleggen" />}
      <ErrorAlert error={teams.error ?? users.error} />
      {teams.data?.map((team) => (
        <TeamSection
          key={team.id}
          team={team}
          users={users.data ?? []}
          onChanged={(message) => {
            setNotice(message);
            teams.reload();
            users.reload();
          }}
        />
      ))}
    </div>
  );
}
