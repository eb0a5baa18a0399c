import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@koers/clock';
import { KOERS_CONFIG, KoersConfig } from '@koers/config';
import { UnauthenticatedException } from '@koers/errors';
import type { Actor } from './actor';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { hashSessionToken, newSessionToken } from './session-token';

// Verified against when the username is unknown, so both failures take the same time.
const UNKNOWN_USER_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$QwabG0XpkeumHH2qMrEGVA$swSAv01BoCbs67rg9hsqp8DPBDObayvGus2iG0nj61Q';

export interface LoginResult {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(KOERS_CONFIG) private readonly config: KoersConfig,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const candidate = await this.sessions.findLoginCandidate(username);
    const valid = await this.hasher.verify(candidate?.passwordHash ?? UNKNOWN_USER_HASH, password);
    if (!candidate || !valid) throw new UnauthenticatedException('Unknown username or wrong password');
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.sessionTtlMinutes * 60_000);
    await this.sessions.create(candidate.id, tokenHash, expiresAt);
    return { token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString() };
  }

  authenticate(token: string): Promise<Actor | null> {
    return this.sessions.findActiveActor(hashSessionToken(token), this.clock.now());
  }

  logout(actor: Actor): Promise<void> {
    return this.sessions.revoke(actor.sessionId, this.clock.now());
  }
}
