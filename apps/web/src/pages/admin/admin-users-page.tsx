import { type FormEvent, useState } from 'react';
import { PARTY_LABELS, type Party } from '@koers/machines/trajectory';
import { api } from '../../api/api-client';
import { ROLE_LABELS, useMe } from '../../auth/session';
import { usePageTitle } from '../../router';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  ErrorAlert,
  Fieldset,
  FormField,
  Heading,
  Loading,
  Paragraph,
  Select,
  StatusBadge,
  Table,
  TextInput,
} from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import {
  AdminTabs,
  type AdminPartyView,
  type AdminTeamView,
  type AdminUserView,
  dutchAdminError,
} from './admin-shared';
import './admin.css';

type Role = AdminUserView['role'];
const ROLES = Object.keys(ROLE_LABELS) as Role[];
const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,99}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const withoutClientData = (role: Role) => role === 'admin' || role === 'privacy_officer';
const partyText = (party: { kind: string; name: string }) =>
  `${party.name} (${PARTY_LABELS[party.kind as Party] ?? party.kind})`;

interface NewUser {
  username: string;
  displayName: string;
  email: string;
  partyId: string;
  role: Role;
  teamIds: string[];
}
const EMPTY: NewUser = { username: '', displayName: '', email: '', partyId: '', role: 'member', teamIds: [] };

function CreateUserForm({
  parties,
  teams,
  onCreated,
}: {
  parties: AdminPartyView[];
  teams: AdminTeamView[];
  onCreated(user: AdminUserView, oneTimePassword: string | undefined): void;
}) {
  const [fields, setFields] = useState<NewUser>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof NewUser, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof NewUser>(key: K, value: NewUser[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof NewUser, string>> = {};
    if (!USERNAME.test(fields.username.trim())) {
      found.username =
        '3 tot 100 kleine letters, cijfers, “.”, “_”, “-” of “@”, beginnend met een letter of cijfer.';
    }
    if (!fields.displayName.trim()) found.displayName = 'Vul de naam in.';
    if (fields.email.trim() && !EMAIL.test(fields.email.trim()))
      found.email = 'Vul een geldig e-mailadres in.';
    if (!fields.partyId) found.partyId = 'Kies de organisatie.';
    const party = parties.find((p) => p.id === fields.partyId);
    if (fields.role === 'chair' && party && party.kind !== 'municipality') {
      found.role = 'Alleen iemand van de gemeente (procesregisseur) kan voorzitter zijn.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api<{ user: AdminUserView; oneTimePassword?: string }>('/admin/users', {
        method: 'POST',
        body: {
          username: fields.username.trim(),
          displayName: fields.displayName.trim(),
          ...(fields.email.trim() ? { email: fields.email.trim() } : {}),
          partyId: fields.partyId,
          role: fields.role,
          ...(withoutClientData(fields.role) ? {} : { teamIds: fields.teamIds }),
        },
      });
      setFields(EMPTY);
      onCreated(created.user, created.oneTimePassword);
    } catch (failure) {
      setError(dutchAdminError(failure));
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'username' | 'displayName' | 'email', label: string, type = 'text') => (
    <FormField label={label} error={errors[key]}>
      {({ id, describedBy, invalid }) => (
        <TextInput
          id={id}
          type={type}
          autoComplete="off"
          value={fields[key]}
          onChange={(e) => set(key, e.target.value)}
          aria-describedby={describedBy}
          invalid={invalid}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={submit} noValidate className="koers-panel">
      <Fieldset legend="Gebruiker toevoegen">
        <ErrorAlert error={error} />
        <div className="koers-form-row">
          {text('username', 'Gebruikersnaam')}
          {text('displayName', 'Naam')}
          {text('email', 'E-mailadres (optioneel)', 'email')}
        </div>
        <div className="koers-form-row">
          <FormField label="Organisatie" error={errors.partyId}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                value={fields.partyId}
                onChange={(e) => set('partyId', e.target.value)}
                aria-describedby={describedBy}
                invalid={invalid}
                placeholder="Kies een organisatie"
                options={parties.map((p) => ({ value: p.id, label: partyText(p) }))}
              />
            )}
          </FormField>
          <FormField label="Rol" error={errors.role}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                value={fields.role}
                onChange={(e) => set('role', e.target.value as Role)}
                aria-describedby={describedBy}
                invalid={invalid}
                options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              />
            )}
          </FormField>
        </div>
        {withoutClientData(fields.role) ? (
          <Paragraph small>
            Een {ROLE_LABELS[fields.role].toLowerCase()} ziet geen cliëntgegevens en neemt niet deel aan een
            casusoverleg.
          </Paragraph>
        ) : (
          <Fieldset legend="Neemt deel aan">
            {teams.map((team) => (
              <Checkbox
                key={team.id}
                label={`${team.name} (${team.municipality.name})`}
                checked={fields.teamIds.includes(team.id)}
                onChange={(e) =>
                  set(
                    'teamIds',
                    e.target.checked
                      ? [...fields.teamIds, team.id]
                      : fields.teamIds.filter((t) => t !== team.id),
                  )
                }
              />
            ))}
          </Fieldset>
        )}
        <ButtonGroup>
          <Button kind="primary" type="submit" busy={busy}>
            Gebruiker toevoegen
          </Button>
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}

type Pending =
  | { kind: 'role'; user: AdminUserView; role: Role }
  | { kind: 'disable'; user: AdminUserView }
  | { kind: 'enable'; user: AdminUserView };

/** Accounts (issue 5): make one, change its role, disable or enable it, lift a login lock. Admin only. */
export function AdminUsersPage() {
  usePageTitle('Beheer: gebruikers');
  const me = useMe();
  const users = useApi<AdminUserView[]>('/admin/users');
  const parties = useApi<AdminPartyView[]>('/admin/parties');
  const teams = useApi<AdminTeamView[]>('/admin/teams');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ text: string; password?: string } | null>(null);

  const change = async (user: AdminUserView, body: Record<string, unknown>, text: string) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/admin/users/${user.id}`, { method: 'PATCH', body });
      setNotice({ text });
      setPending(null);
      users.reload();
    } catch (failure) {
      setError(dutchAdminError(failure));
    } finally {
      setBusy(false);
    }
  };
  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'role') {
      void change(
        pending.user,
        { role: pending.role },
        `${pending.user.displayName} is nu ${ROLE_LABELS[pending.role].toLowerCase()}.`,
      );
    } else {
      const disabled = pending.kind === 'disable';
      void change(
        pending.user,
        { disabled },
        `${pending.user.displayName} is ${disabled ? 'uitgeschakeld' : 'weer ingeschakeld'}.`,
      );
    }
  };
  const unlock = async (user: AdminUserView) => {
    setError(null);
    try {
      await api(`/admin/users/${user.id}/unlock`, { method: 'POST' });
      setNotice({ text: `${user.displayName} kan weer inloggen.` });
      users.reload();
    } catch (failure) {
      setError(dutchAdminError(failure));
    }
  };

  const list = [...(users.data ?? [])].sort(
    (a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName, 'nl'),
  );

  return (
    <div className="koers-admin">
      <Heading level={1}>Beheer</Heading>
      <AdminTabs current="users" />
      <Paragraph lead>
        Accounts van de deelnemers aan het casusoverleg. Elke wijziging komt in het beheerlog; een
        uitgeschakelde gebruiker wordt direct uitgelogd.
      </Paragraph>
      {notice && (
        <Alert kind="ok">
          {notice.text}
          {notice.password && (
            <>
              {' '}
              Eenmalig wachtwoord: <code className="koers-code koers-password">{notice.password}</code> Geef
              het veilig door: het wordt niet opnieuw getoond.
            </>
          )}
        </Alert>
      )}
      {!pending && <ErrorAlert error={error} />}
      {parties.data && teams.data && (
        <CreateUserForm
          parties={parties.data}
          teams={teams.data}
          onCreated={(user, password) => {
            setNotice({ text: `${user.displayName} (${user.username}) is toegevoegd.`, password });
            users.reload();
            teams.reload();
          }}
        />
      )}
      <Heading level={2}>Gebruikers</Heading>
      {users.loading && !users.data && <Loading what="Gebruikers" />}
      <ErrorAlert error={users.error} />
      {users.data && (
        <Table caption={`${list.length} accounts, actieve eerst`}>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Naam', 'Organisatie', 'Rol', 'Casusoverleg', 'Status', 'Acties'].map((label) => (
                <th key={label} scope="col" className="utrecht-table__header-cell">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {list.map((user) => {
              const self = user.id === me.userId;
              return (
                <tr key={user.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    <span className="koers-block">{user.displayName}</span>
                    <span className="koers-hint koers-block">{user.username}</span>
                  </th>
                  <td className="utrecht-table__cell">{partyText(user.party)}</td>
                  <td className="utrecht-table__cell">
                    <label className="koers-visually-hidden" htmlFor={`role-${user.id}`}>
                      Rol van {user.displayName}
                    </label>
                    <select
                      id={`role-${user.id}`}
                      className="utrecht-select utrecht-select--html-select koers-role-select"
                      value={user.role}
                      disabled={self || user.disabled}
                      onChange={(e) => setPending({ kind: 'role', user, role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="utrecht-table__cell">
                    {user.teams.length === 0 ? '—' : user.teams.map((t) => t.name).join(', ')}
                  </td>
                  <td className="utrecht-table__cell">
                    <div className="koers-admin__status">
                      {user.disabled ? (
                        <StatusBadge kind="neutral">Uitgeschakeld</StatusBadge>
                      ) : (
                        <StatusBadge kind="safe">Actief</StatusBadge>
                      )}
                      {user.hasTotp && <StatusBadge kind="neutral">Tweede factor</StatusBadge>}
                      {user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() && (
                        <StatusBadge kind="danger">
                          Geblokkeerd tot {formatDateTime(user.lockedUntil)}
                        </StatusBadge>
                      )}
                    </div>
                  </td>
                  <td className="utrecht-table__cell koers-nowrap">
                    {!self &&
                      (user.disabled ? (
                        <Button kind="subtle" onClick={() => setPending({ kind: 'enable', user })}>
                          Inschakelen<span className="koers-visually-hidden"> {user.displayName}</span>
                        </Button>
                      ) : (
                        <Button kind="subtle" onClick={() => setPending({ kind: 'disable', user })}>
                          Uitschakelen<span className="koers-visually-hidden"> {user.displayName}</span>
                        </Button>
                      ))}
                    {user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() && (
                      <Button kind="subtle" onClick={() => void unlock(user)}>
                        Ontgrendelen<span className="koers-visually-hidden"> {user.displayName}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'role'
            ? 'Rol wijzigen?'
            : pending?.kind === 'disable'
              ? 'Gebruiker uitschakelen?'
              : 'Gebruiker inschakelen?'
        }
        confirmLabel={
          pending?.kind === 'role'
            ? 'Rol wijzigen'
            : pending?.kind === 'disable'
              ? 'Uitschakelen'
              : 'Inschakelen'
        }
        cancelLabel="Terug"
        kind={pending?.kind === 'disable' ? 'danger' : 'primary'}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => {
          setPending(null);
          setError(null);
        }}
      >
        <ErrorAlert error={error} />
        {pending?.kind === 'role' && (
          <Paragraph>
            {pending.user.displayName} wordt {ROLE_LABELS[pending.role].toLowerCase()} in plaats van{' '}
            {ROLE_LABELS[pending.user.role].toLowerCase()}. Wat de gebruiker mag inzien, verandert direct.
          </Paragraph>
        )}
        {pending?.kind === 'disable' && (
          <Paragraph>
            {pending.user.displayName} kan niet meer inloggen en wordt direct uitgelogd. U kunt het account
            later weer inschakelen.
          </Paragraph>
        )}
        {pending?.kind === 'enable' && <Paragraph>{pending.user.displayName} kan weer inloggen.</Paragraph>}
      </ConfirmDialog>
    </div>
  );
}
