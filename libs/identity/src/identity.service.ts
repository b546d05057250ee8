import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '@app/config';
import { Clock, DomainError } from '@app/common';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import { IdentityRepository } from './identity.repository';
import type { Role, User } from './user.entity';

export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
  displayName: string | null;
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: AuthenticatedUser;
}

/** argon2id with the library's (OWASP-aligned) defaults, stated so a change is deliberate. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 12;

const sha256 = (token: string): Buffer => createHash('sha256').update(token).digest();
const toAuthenticated = (u: User): AuthenticatedUser => ({ id: u.id, email: u.email, role: u.role, displayName: u.displayName });

export const invalidCredentials = (): DomainError =>
  new DomainError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', 'Email or password is incorrect');

@Injectable()
export class IdentityService {
  /** Verified against when the email is unknown, so both paths take as long. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly repository: IdentityRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async createUser(email: string, password: string, role: Role, displayName?: string): Promise<AuthenticatedUser> {
    assertPasswordStrength(password);
    const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
    try {
      return toAuthenticated(await this.repository.insertUser({ email: email.trim(), passwordHash, role, displayName: displayName ?? null }));
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError('conflict', 'USER.ALREADY_EXISTS', `A user with email ${email} already exists`);
      }
      throw error;
    }
  }

  /** Sets a new password and role for an existing user and ends their sessions. */
  async resetUser(email: string, password: string, role: Role): Promise<AuthenticatedUser> {
    assertPasswordStrength(password);
    const user = await this.repository.findUserByEmail(email);
    if (!user) throw new DomainError('not_found', 'USER.NOT_FOUND', `No user with email ${email}`);
    await this.repository.updateUserCredentials(user.id, { passwordHash: await argon2.hash(password, ARGON2_OPTIONS), role });
    await this.repository.revokeSessionsOfUser(user.id, this.clock.now());
    return { ...toAuthenticated(user), role };
  }

  async login(email: string, password: string): Promise<IssuedToken> {
    const user = await this.repository.findUserWithHashByEmail(email);
    if (!user || user.disabledAt) {
      this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      throw invalidCredentials();
    }
    if (!(await argon2.verify(user.passwordHash, password))) throw invalidCredentials();
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.auth.tokenTtlMinutes * 60_000);
    await this.repository.insertSession({ userId: user.id, tokenHash: sha256(accessToken), expiresAt });
    return { accessToken, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user: toAuthenticated(user) };
  }

  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const session = await this.repository.findLiveSessionByHash(sha256(token), this.clock.now());
    return session?.user ? toAuthenticated(session.user) : null;
  }

  async logout(token: string): Promise<void> {
    await this.repository.revokeSessionByHash(sha256(token), this.clock.now());
  }
}

export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new DomainError('invalid', 'USER.WEAK_PASSWORD', `The password must be ${MIN_PASSWORD_LENGTH} to 1024 characters long`, [
      { field: 'password', messages: [`must be ${MIN_PASSWORD_LENGTH} to 1024 characters long`] },
    ]);
  }
}
