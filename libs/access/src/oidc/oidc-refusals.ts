import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '@koers/errors';

/**
 * The refusals of single sign-on. Each carries a stable code in its details (the callback's refusal page picks
 * its Dutch text by it, oidc-checks.ts). Messages name no person and no subject.
 */
const refusal = (kind: DomainErrorCode, code: string, message: string, field?: string) =>
  new DomainException(kind, message, [{ code, message, ...(field ? { field } : {}) }]);

export const oidcOff = () =>
  new DomainException(
    DomainErrorCode.NotFound,
    'Single sign-on is not configured on this installation (OIDC_ISSUER)',
  );

export const stateInvalid = () =>
  refusal(
    DomainErrorCode.ValidationFailed,
    'oidc_state_invalid',
    'Unknown, expired or already used sign-in attempt, or one started in another browser: start again',
    'state',
  );

export const providerRefused = (error: string) =>
  refusal(
    DomainErrorCode.Unauthenticated,
    'oidc_provider_refused',
    `The sign-in provider refused or the user cancelled (${error})`,
  );

export const responseInvalid = () =>
  refusal(
    DomainErrorCode.Unauthenticated,
    'oidc_response_invalid',
    "The sign-in provider's answer did not pass the checks (code, issuer, audience, nonce): start again",
  );

export const accountUnknown = () =>
  refusal(
    DomainErrorCode.Forbidden,
    'oidc_account_unknown',
    'No active Koers account is linked to this identity; an administrator of Koers grants access',
  );

export const accountDisabled = () =>
  refusal(DomainErrorCode.Forbidden, 'oidc_account_disabled', 'This Koers account is disabled');

export const loginCodeInvalid = () =>
  refusal(
    DomainErrorCode.Unauthenticated,
    'oidc_code_invalid',
    'Unknown, expired or already used login code: sign in again',
    'code',
  );

/** The provider cannot be reached or answers nonsense: not the user's fault, so a 503 (its body stays generic). */
export class ProviderUnavailableException extends ServiceUnavailableException {
  readonly code = 'oidc_provider_unavailable';
  constructor(reason: string) {
    super(`The sign-in provider cannot be reached: ${reason}`);
  }
}

/** The refusal code of an error thrown by the sign-in flow, and its HTTP status; null for anything else. */
export function refusalOf(error: unknown): { code: string; status: number } | null {
  if (error instanceof ProviderUnavailableException)
    return { code: error.code, status: HttpStatus.SERVICE_UNAVAILABLE };
  if (error instanceof DomainException && error.details[0]?.code.startsWith('oidc_')) {
    const status = {
      [DomainErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
      [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
      [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
    }[error.code as string];
    if (status) return { code: error.details[0].code, status };
  }
  return null;
}
