import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/api-client';
import { Link, navigate, usePageTitle } from '../router';
import { Button, ErrorAlert, FormField, Heading, Loading, Paragraph, TextInput } from '../ui/components';
import { useSession } from './session';

const CODE_REFUSALS: Record<string, string> = {
  oidc_code_invalid: 'Deze inlogpoging is verlopen of al gebruikt. Log opnieuw in.',
  totp_invalid: 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code.',
  totp_enrolment_required:
    'Voor dit account is eerst een tweede factor nodig. Neem contact op met de beheerder.',
};

/**
 * Where single sign-on lands (`/login/oidc#code=…`): the one-time code in the fragment (never sent to a server
 * by the browser) is exchanged for a session, with the Koers authenticator code when the account needs one.
 */
export function OidcLoginPage() {
  usePageTitle('Inloggen met single sign-on');
  const { adoptToken } = useSession();
  const code = useRef(new URLSearchParams(window.location.hash.slice(1)).get('code'));
  const [needsTotp, setNeedsTotp] = useState(false);
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const exchange = async (withTotp?: string) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ token: string }>('/auth/oidc/exchange', {
        method: 'POST',
        body: withTotp ? { code: code.current, totp: withTotp } : { code: code.current },
        anonymous: true,
      });
      await adoptToken(result.token);
      navigate('/', { replace: true });
    } catch (failure) {
      const refusal = failure instanceof ApiError ? failure.details.map((d) => d.code) : [];
      const known =
        refusal.find((c) => CODE_REFUSALS[c]) ?? (failure instanceof ApiError ? failure.code : undefined);
      if (refusal.includes('totp_required')) setNeedsTotp(true);
      else if (known && CODE_REFUSALS[known]) setError(new ApiError(401, CODE_REFUSALS[known]));
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // The code leaves the address bar at once: it must not linger in history or a shared screen.
    window.history.replaceState(null, '', '/login/oidc');
    // Runs once, on arrival.
    if (code.current) void exchange();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void exchange(totp.trim());
  };

  return (
    <main id="main" className="koers-login">
      <Heading level={1}>Inloggen met single sign-on</Heading>
      {!code.current && <Paragraph>Er is geen inlogcode ontvangen.</Paragraph>}
      {busy && !needsTotp && <Loading what="Uw gegevens" />}
      <ErrorAlert error={error} />
      {needsTotp && (
        <form onSubmit={submit} noValidate>
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
                maxLength={6}
                required
                autoFocus
                aria-describedby={describedBy}
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            )}
          </FormField>
          <Button kind="primary" type="submit" busy={busy}>
            Inloggen
          </Button>
        </form>
      )}
      {(error || !code.current) && (
        <Paragraph>
          <Link href="/">Terug naar inloggen</Link>
        </Paragraph>
      )}
    </main>
  );
}
