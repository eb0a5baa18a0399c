import { type FormEvent, useEffect, useState } from 'react';
import { api, ApiError } from '../api/api-client';
import { usePageTitle } from '../router';
import { Alert, Button, ErrorAlert, FormField, Heading, Paragraph, TextInput } from '../ui/components';
import { useSession } from './session';

/** GET /api/auth/options: whether the municipality's single sign-on is configured. */
interface LoginOptions {
  oidc: boolean;
  oidcLabel: string | null;
  oidcStartUrl: string | null;
}

/** Log in with username and password, and the authenticator code when the account has a second factor. */
export function LoginPage() {
  usePageTitle('Inloggen');
  const { login, notice } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [options, setOptions] = useState<LoginOptions | null>(null);

  useEffect(() => {
    // Without the options the password form still works: single sign-on is an extra.
    api<LoginOptions>('/auth/options', { anonymous: true })
      .then(setOptions)
      .catch(() => setOptions(null));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password, needsCode ? totp.trim() : undefined);
    } catch (failure) {
      const codes = failure instanceof ApiError ? failure.details.map((d) => d.code) : [];
      if (codes.includes('totp_required')) {
        setNeedsCode(true);
        setError(null);
      } else if (codes.includes('totp_invalid')) {
        setError(new ApiError(401, 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code.'));
      } else if (codes.includes('totp_enrolment_required')) {
        setError(
          new ApiError(
            403,
            'Voor dit account is eerst een tweede factor nodig. Neem contact op met de beheerder.',
          ),
        );
      } else if (failure instanceof ApiError && failure.status === 401) {
        setError(new ApiError(401, 'Onbekende gebruikersnaam of onjuist wachtwoord.'));
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="koers-login">
      <Heading level={1}>Inloggen bij Koers</Heading>
      <Paragraph lead>Het casusoverleg van de Gemeentelijke Aanpak Middelenproblematiek.</Paragraph>
      {notice && <Alert kind="info">{notice}</Alert>}
      <ErrorAlert error={error} />
      <form onSubmit={submit} noValidate>
        <FormField label="Gebruikersnaam">
          {({ id }) => (
            <TextInput
              id={id}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Wachtwoord">
          {({ id }) => (
            <TextInput
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        {needsCode && (
          <FormField
            label="Code uit uw authenticator-app"
            description="Dit account gebruikt een tweede factor. Vul de zescijferige code in."
          >
            {({ id, describedBy }) => (
              <TextInput
                id={id}
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                autoFocus
                aria-describedby={describedBy}
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            )}
          </FormField>
        )}
        <Button kind="primary" type="submit" busy={busy}>
          Inloggen
        </Button>
      </form>
      {options?.oidc && options.oidcStartUrl && (
        <div className="koers-login__sso">
          <Paragraph>Of log in met het account van uw organisatie:</Paragraph>
          <a
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            href={options.oidcStartUrl}
          >
            Inloggen met {options.oidcLabel ?? 'single sign-on'}
          </a>
        </div>
      )}
    </main>
  );
}
