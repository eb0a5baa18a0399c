import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import { KOERS_CONFIG, KoersConfig } from '@koers/config';
import {
  DomainErrorCode,
  DomainException,
  UnauthenticatedException,
  ValidationFailedException,
} from '@koers/errors';
import type { Actor } from './actor';
import { type LoginOutcome, LoginThrottleStore, throttleKeys } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { type LoginCandidate, SessionRepository } from './session.repository';
import { hashSessionToken, newSessionToken } from './session-token';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp';
import { TotpSecretBox } from './totp-secret-box';
import { TotpStore } from './totp.store';

// Verified against when the username is unknown, so both failures take the same time.
const UNKNOWN_USER_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$QwabG0XpkeumHH2qMrEGVA$swSAv01BoCbs67rg9hsqp8DPBDObayvGus2iG0nj61Q';

/** Roles that see the access log or manage users: they log in with a second factor (not in demo mode). */
export const ROLES_REQUIRING_TOTP: readonly string[] = ['privacy_officer', 'admin'];

/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export interface LoginResult {
  token: string;
  tokenType: 'Bearer';
  /** The absolute end of the session (SESSION_TTL_MINUTES after login). */
  expiresAt: string;
  /** The session also ends after this many minutes without a request (SESSION_IDLE_MINUTES). */
  idleTimeoutMinutes: number;
}

export interface LoginCredentials {
  username: string;
  password: string;
  /** The 6-digit code of the user's authenticator app, for users with a second factor. */
  totp?: string;
}

/** Returned once, at enrolment: the secret is stored encrypted and never shown again. */
export interface TotpEnrolment {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** otpauth:// URI, for a QR code. */
  otpauthUri: string;
  issuer: string;
  algorithm: 'SHA1';
  digits: number;
  period: number;
}

const wrongCredentials = () => new UnauthenticatedException('Unknown username or wrong password');
const wrongCode = () =>
  new DomainException(DomainErrorCode.Unauthenticated, 'Wrong or already used code; wait for the next one', [
    { code: 'totp_invalid', field: 'totp', message: 'Wrong or already used code; wait for the next one' },
  ]);
const codeRequired = () =>
  new DomainException(
    DomainErrorCode.Unauthenticated,
    'This account logs in with a second factor: send the 6-digit code of its authenticator app as totp',
    [{ code: 'totp_required', field: 'totp', message: 'The code of the authenticator app is required' }],
  );
const enrolmentRequired = () =>
  new DomainException(
    DomainErrorCode.Forbidden,
    'This account needs a second factor before it can log in: set one up with POST /api/auth/totp/enrol and POST /api/auth/totp/confirm, sending username and password',
    [{ code: 'totp_enrolment_required', message: 'Set up a second factor (TOTP) first' }],
  );

/**
 * Logins (throttled per username and client address), sessions (absolute and idle timeout) and the optional TOTP
 * second factor, required for ROLES_REQUIRING_TOTP unless DEMO_MODE=1. All times come from the injected Clock.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');
  private readonly throttle: LoginThrottleStore;
  private readonly totp: TotpStore;
  private readonly secrets: TotpSecretBox;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(KOERS_CONFIG) private readonly config: KoersConfig,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.throttle = new LoginThrottleStore(dataSource, {
      maxUsernameFailures: config.loginMaxFailures,
      maxAddressFailures: config.loginIpMaxFailures,
      windowMs: config.loginWindowMinutes * 60_000,
      lockMs: config.loginLockMinutes * 60_000,
    });
    this.totp = new TotpStore(dataSource);
    this.secrets = new TotpSecretBox(config.totpEncryptionKey);
  }

  /** Username, password and (for users with a second factor) a fresh TOTP code: a new session. */
  login(credentials: LoginCredentials, clientAddress: string | undefined): Promise<LoginResult> {
    return this.throttled(credentials.username, clientAddress, async (now, fail) => {
      const user = await this.checkPassword(credentials, fail);
      if (user.totpSecret) await this.checkCode(user, credentials.totp, now, fail);
      else if (ROLES_REQUIRING_TOTP.includes(user.role) && !this.config.demoMode) throw enrolmentRequired();
      return this.startSession(user.id, now);
    });
  }

  /**
   * A login whose first factor a single sign-on provider checked (oidc/oidc.service.ts), under the same throttle as
   * a password login and with the same second-factor rule, unless the provider reported one itself (`providerMfa`).
   * `redeem` uses up the one-time login code; only when it succeeds is the session made. `username` is the Koers
   * user the code was issued to, or a throttle key of its own when the code is unknown (`invalid` is then thrown).
   */
  loginAfterProvider(
    username: string,
    clientAddress: string | undefined,
    login: { totp?: string; providerMfa: boolean; redeem: () => Promise<boolean>; invalid: () => Error },
  ): Promise<LoginResult> {
    return this.throttled(username, clientAddress, async (now, fail) => {
      const user = await this.sessions.findLoginCandidate(username);
      if (!user) throw fail(login.invalid());
      if (!login.providerMfa) {
        if (user.totpSecret) await this.checkCode(user, login.totp, now, fail);
        else if (ROLES_REQUIRING_TOTP.includes(user.role) && !this.config.demoMode) throw enrolmentRequired();
      }
      if (!(await login.redeem())) throw fail(login.invalid());
      return this.startSession(user.id, now);
    });
  }

  authenticate(token: string): Promise<Actor | null> {
    const now = this.clock.now();
    return this.sessions.findActiveActor(hashSessionToken(token), {
      now,
      idleCutoff: new Date(now.getTime() - this.config.sessionIdleMinutes * 60_000),
      touchBefore: new Date(now.getTime() - TOUCH_EVERY_MS),
    });
  }

  logout(actor: Actor): Promise<void> {
    return this.sessions.revoke(actor.sessionId, this.clock.now());
  }

  /** A new TOTP secret for the logged-in user; the current one (if any) stays until the new one is confirmed. */
  enrolTotp(actor: Actor): Promise<TotpEnrolment> {
    return this.newPendingSecret(actor.userId, actor.username, this.clock.now());
  }

  /**
   * Enrolment without a session, for a user who cannot log in yet because their role needs a second factor.
   * Throttled like a login; a user who already has a second factor must send its code too.
   */
  enrolTotpWithCredentials(
    credentials: LoginCredentials,
    clientAddress: string | undefined,
  ): Promise<TotpEnrolment> {
    return this.throttled(credentials.username, clientAddress, async (now, fail) => {
      const user = await this.checkPassword(credentials, fail);
      if (user.totpSecret) await this.checkCode(user, credentials.totp, now, fail);
      return this.newPendingSecret(user.id, user.username, now);
    });
  }

  /** Confirms the pending secret with its first code: from then on login needs a code. */
  async confirmTotp(actor: Actor, code: string): Promise<void> {
    if (!(await this.confirmPending(actor.userId, code, this.clock.now()))) {
      throw new ValidationFailedException([
        {
          code: 'totp_invalid',
          field: 'code',
          message: 'code does not match the secret being set up (enrol first; check the time on your device)',
        },
      ]);
    }
  }

  /** Confirms with username and password (see enrolTotpWithCredentials) and logs in. */
  confirmTotpWithCredentials(
    credentials: LoginCredentials,
    code: string,
    clientAddress: string | undefined,
  ): Promise<LoginResult> {
    return this.throttled(credentials.username, clientAddress, async (now, fail) => {
      const user = await this.checkPassword(credentials, fail);
      if (!(await this.confirmPending(user.id, code, now))) throw fail(wrongCode());
      return this.startSession(user.id, now);
    });
  }

  /**
   * Runs one attempt under the login throttle: reserved before anything is checked, then settled as a failure
   * (the attempt called `fail`), a success (it returned), or given back (anything else it threw).
   */
  private async throttled<T>(
    username: string,
    clientAddress: string | undefined,
    attempt: (now: Date, fail: (error: Error) => Error) => Promise<T>,
  ): Promise<T> {
    const now = this.clock.now();
    const keys = throttleKeys(username, clientAddress);
    await this.throttle.reserve(keys, now);
    const outcome: { value: LoginOutcome } = { value: 'released' };
    try {
      const result = await attempt(now, (error) => {
        outcome.value = 'failure';
        return error;
      });
      outcome.value = 'success';
      return result;
    } finally {
      await this.throttle.settle(keys, outcome.value, now);
    }
  }

  /** The same work, and so the same time, whether or not the user exists. */
  private async checkPassword(
    credentials: LoginCredentials,
    fail: (error: Error) => Error,
  ): Promise<LoginCandidate> {
    const candidate = await this.sessions.findLoginCandidate(credentials.username);
    const valid = await this.hasher.verify(
      candidate?.passwordHash ?? UNKNOWN_USER_HASH,
      credentials.password,
    );
    if (!candidate || !valid) throw fail(wrongCredentials());
    return candidate;
  }

  private async checkCode(
    user: LoginCandidate,
    code: string | undefined,
    now: Date,
    fail: (error: Error) => Error,
  ): Promise<void> {
    if (code === undefined) throw codeRequired();
    const secret = this.secrets.open(user.totpSecret!, user.id);
    if (!secret) {
      this.logger.error(
        `The TOTP secret of user ${user.id} does not decrypt: was TOTP_ENCRYPTION_KEY changed?`,
      );
      throw fail(wrongCode());
    }
    const step = matchTotp(secret, code, now);
    if (step === null || !(await this.totp.useStep(user.id, step))) throw fail(wrongCode());
  }

  private async newPendingSecret(userId: string, username: string, now: Date): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    await this.totp.savePending(userId, this.secrets.seal(secret, userId), now);
    return {
      secret: base32Encode(secret),
      otpauthUri: otpauthUri(secret, username),
      issuer: 'Koers',
      algorithm: 'SHA1',
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
    };
  }

  private async confirmPending(userId: string, code: string, now: Date): Promise<boolean> {
    const sealed = (await this.totp.find(userId))?.pendingSecret;
    const secret = sealed ? this.secrets.open(sealed, userId) : null;
    const step = secret ? matchTotp(secret, code, now) : null;
    return step !== null && this.totp.confirm(userId, sealed!, step, now);
  }

  private async startSession(userId: string, now: Date): Promise<LoginResult> {
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMinutes * 60_000);
    await this.sessions.create(userId, tokenHash, expiresAt, now);
    return {
      token,
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      idleTimeoutMinutes: this.config.sessionIdleMinutes,
    };
  }
}
