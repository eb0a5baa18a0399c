/**
 * Domain exceptions carry a stable code; one filter maps codes to HTTP (see http-exception.filter.ts).
 * Messages are safe to show: never a name, BSN or health detail.
 */
export enum DomainErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  StaleVersion = 'stale_version',
  EventRefused = 'event_refused',
  Conflict = 'conflict',
}

export interface DomainErrorDetail {
  code: string;
  message: string;
  field?: string;
}

export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

export class ValidationFailedException extends DomainException {
  constructor(details: DomainErrorDetail[]) {
    super(
      DomainErrorCode.ValidationFailed,
      details.map((d) => d.message).join('; ') || 'Invalid input',
      details,
    );
  }
}

export class UnauthenticatedException extends DomainException {
  constructor(message = 'Log in first: this request needs a valid bearer token') {
    super(DomainErrorCode.Unauthenticated, message);
  }
}

export class ForbiddenException extends DomainException {
  constructor(message = 'You may not do this') {
    super(DomainErrorCode.Forbidden, message);
  }
}

export class NotFoundException extends DomainException {
  constructor(what: string) {
    super(DomainErrorCode.NotFound, `${what} not found`);
  }
}

export class StaleVersionException extends DomainException {
  constructor(expected: number, actual: number) {
    super(
      DomainErrorCode.StaleVersion,
      `The trajectory was changed by someone else (expected version ${expected}, current version ${actual}); reload and try again`,
    );
  }
}

export class EventRefusedException extends DomainException {
  constructor(eventType: string, refusals: DomainErrorDetail[]) {
    super(
      DomainErrorCode.EventRefused,
      `${eventType} refused: ${refusals.map((r) => r.message).join(' ')}`,
      refusals,
    );
  }
}
