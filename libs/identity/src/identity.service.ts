import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import * as argon2 from 'argon2';
import { AppConfig } from '@app/config';
import { Clock, DomainError } from '@app/common';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import { AuditActor, AuditService } from './audit/audit.service';
import { IdentityRepository } from './identity.repository';
import { RateLimitStore, type RateLimitState } from './rate-limit/rate-limit.store';
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

export interface BrowserSession {
  /** The cookie value: shown to the browser only. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: AuthenticatedUser;
}

export interface SignedInBrowser {
  user: AuthenticatedUser;
  csrfToken: string;
}

export interface UserListItem extends AuthenticatedUser {
  disabled: boolean;
  invitePending: boolean;
  /** The invitation link has expired without being used: invite them again for a new one. */
  inviteExpired: boolean;
  createdAt: string;
}

export interface Invitation {
  user: AuthenticatedUser;
  /** For the invitation link: shown once, only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** Where a sign-in comes from, for throttling and the audit log. */
export interface SignInContext {
  ip: string | null;
}

const INVITE_TTL_MS = 7 * 24 * 3_600_000;

const tooManyAttempts = (resetsAt: Date, now: Date): DomainError => {
  const retryAfterSeconds = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
  return new DomainError(
    'too_many_requests',
    'AUTH.TOO_MANY_ATTEMPTS',
    `Too many sign-in attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} min`,
    { retryAfterSeconds },
  );
};

@Injectable()
export class IdentityService {
  /** Verified against when the email is unknown, so both paths take as long. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly repository: IdentityRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly limits: RateLimitStore,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async createUser(email: string, password: string, role: Role, displayName?: string): Promise<AuthenticatedUser> {
    assertPasswordStrength(password);
    const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
    return toAuthenticated(await this.insertUser({ email: email.trim(), passwordHash, role, displayName: displayName ?? null }));
  }

  /** Sets a new password and role for an existing user and ends their sessions. */
  async resetUser(email: string, password: string, role: Role): Promise<AuthenticatedUser> {
    assertPasswordStrength(password);
    const user = await this.repository.findUserByEmail(email);
    if (!user) throw userNotFound(email);
    // a reset is how an operator gets back into a locked catalogue, so it re-enables the account too
    await this.repository.updateUser(user.id, {
      passwordHash: await argon2.hash(password, ARGON2_OPTIONS),
      role,
      inviteTokenHash: null,
      inviteExpiresAt: null,
      disabledAt: null,
    });
    await this.repository.revokeSessionsOfUser(user.id, this.clock.now());
    return { ...toAuthenticated(user), role };
  }

  /** A bearer token for the JSON API. */
  async login(email: string, password: string, context: SignInContext = { ip: null }): Promise<IssuedToken> {
    const user = await this.verifyCredentials(email, password, context);
    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.auth.tokenTtlMinutes * 60_000);
    await this.repository.insertSession({ userId: user.id, tokenHash: sha256(accessToken), expiresAt, csrfToken: null });
    return { accessToken, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user };
  }

  /** A cookie session for the admin pages, with its CSRF token. */
  async signInBrowser(email: string, password: string, context: SignInContext): Promise<BrowserSession> {
    const user = await this.verifyCredentials(email, password, context);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.auth.sessionTtlMinutes * 60_000);
    await this.repository.insertSession({ userId: user.id, tokenHash: sha256(token), expiresAt, csrfToken });
    return { token, csrfToken, expiresAt, user };
  }

  /**
   * Throttled (counters shared by every instance) per account from one address, per address,
   * and per account overall on a short window. Someone guessing a user's password from one
   * place is stopped without locking the real user out from theirs; a guesser spread over
   * many addresses is slowed to a trickle per minute. Every failure says the same thing, and
   * an unknown email costs as much time.
   */
  private async verifyCredentials(email: string, password: string, context: SignInContext): Promise<AuthenticatedUser> {
    const { signInWindowMinutes, signInMaxPerAccount, signInMaxPerAddress, signInMaxPerAccountPerMinute } = this.config.auth;
    const windowMs = signInWindowMinutes * 60_000;
    const account = email.trim().toLowerCase();
    const accountFromAddressKey = `sign-in:account:${account}:from:${context.ip ?? 'unknown'}`;
    // without the counters there is no throttling: refuse (503) rather than allow unlimited guessing
    const [fromAddress, address, overall] = await Promise.all([
      this.limits.hit(accountFromAddressKey, windowMs),
      context.ip ? this.limits.hit(`sign-in:address:${context.ip}`, windowMs) : Promise.resolve(null),
      this.limits.hit(`sign-in:account:${account}:overall`, 60_000),
    ]).catch(() => {
      throw new DomainError('unavailable', 'AUTH.THROTTLE_UNAVAILABLE', 'Sign-in is unavailable for a moment; try again shortly');
    });
    const now = this.clock.now();
    const actor = { id: null, label: account.slice(0, 320), ip: context.ip };
    const exceeded = [
      { state: fromAddress, max: signInMaxPerAccount },
      { state: address, max: signInMaxPerAddress },
      { state: overall, max: signInMaxPerAccountPerMinute },
    ].filter((c): c is { state: RateLimitState; max: number } => c.state !== null && c.state.hits > c.max);
    if (exceeded.length) {
      if (exceeded.some((c) => c.state.hits === c.max + 1)) await this.audit.record(actor, 'auth.sign_in_throttled', `user:${actor.label}`);
      throw tooManyAttempts(new Date(Math.max(...exceeded.map((c) => c.state.resetsAt.getTime()))), now);
    }
    const user = await this.repository.findUserWithHashByEmail(email.trim());
    const valid =
      user && !user.disabledAt && user.passwordHash ? await argon2.verify(user.passwordHash, password) : await this.verifyDummy(password);
    if (!valid || !user) {
      await this.audit.record(actor, 'auth.sign_in_failed', `user:${actor.label}`);
      throw invalidCredentials();
    }
    await this.limits.reset(accountFromAddressKey);
    await this.audit.record({ id: user.id, label: user.email, ip: context.ip }, 'auth.sign_in', `user:${user.email}`);
    return toAuthenticated(user);
  }

  private async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);
    await argon2.verify(await this.dummyHash, password).catch(() => false);
    return false;
  }

  /** The user behind a bearer token (cookie sessions are not accepted here). */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const session = await this.repository.findLiveSessionByHash(sha256(token), this.clock.now());
    return session?.user && session.csrfToken === null ? toAuthenticated(session.user) : null;
  }

  /** The user and CSRF token behind a session cookie (bearer tokens are not accepted here). */
  async authenticateBrowser(token: string): Promise<SignedInBrowser | null> {
    const session = await this.repository.findLiveSessionByHash(sha256(token), this.clock.now());
    return session?.user && session.csrfToken !== null ? { user: toAuthenticated(session.user), csrfToken: session.csrfToken } : null;
  }

  async logout(token: string, actor?: AuditActor): Promise<void> {
    await this.repository.revokeSessionByHash(sha256(token), this.clock.now());
    if (actor) await this.audit.record(actor, 'auth.sign_out', `user:${actor.label}`);
  }

  async listUsers(): Promise<UserListItem[]> {
    const users = await this.repository.listUsers();
    return users.map((u) => ({
      ...toAuthenticated(u),
      disabled: u.disabledAt !== null,
      invitePending: u.inviteExpiresAt !== null,
      inviteExpired: u.inviteExpiresAt !== null && u.inviteExpiresAt.getTime() <= this.clock.now().getTime(),
      createdAt: u.createdAt.toISOString(),
    }));
  }

  /**
   * A user without a password yet, and the one-time link token to choose it. Inviting
   * someone who never accepted (their link expired, or was lost) issues a new link and
   * makes the old one useless; someone who has a password already is a 409.
   */
  async invite(email: string, role: Role, displayName: string | null, actor: AuditActor): Promise<Invitation> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + INVITE_TTL_MS);
    const existing = await this.repository.findUserWithHashByEmail(email.trim());
    let user: User;
    if (existing && existing.passwordHash === null) {
      await this.repository.updateUser(existing.id, { role, inviteTokenHash: sha256(token), inviteExpiresAt: expiresAt });
      user = { ...existing, role };
    } else {
      user = await this.insertUser({
        email: email.trim(),
        passwordHash: null,
        role,
        displayName,
        inviteTokenHash: sha256(token),
        inviteExpiresAt: expiresAt,
      });
    }
    await this.audit.record(actor, 'user.invite', `user:${user.email}`, { role, reissued: !!existing });
    return { user: toAuthenticated(user), token, expiresAt };
  }

  /** The invitation behind a link token, while it is valid. */
  async findInvitation(token: string): Promise<AuthenticatedUser | null> {
    const user = await this.repository.findUserByInviteHash(sha256(token), this.clock.now());
    return user ? toAuthenticated(user) : null;
  }

  async acceptInvitation(token: string, password: string): Promise<AuthenticatedUser> {
    assertPasswordStrength(password);
    const user = await this.repository.findUserByInviteHash(sha256(token), this.clock.now());
    if (!user)
      throw new DomainError(
        'not_found',
        'USER.INVITATION_INVALID',
        'This invitation link is unknown, used or expired; ask an admin for a new one',
      );
    await this.repository.updateUser(user.id, {
      passwordHash: await argon2.hash(password, ARGON2_OPTIONS),
      inviteTokenHash: null,
      inviteExpiresAt: null,
    });
    await this.audit.record({ id: user.id, label: user.email }, 'user.accept_invite', `user:${user.email}`);
    return toAuthenticated(user);
  }

  setRole(id: string, role: Role, actor: AuditActor): Promise<void> {
    return this.changingAdmins(async (users, tx) => {
      const user = await requireUser(users, id);
      if (user.role === role) return;
      if (user.role === 'admin') await assertAnotherAdmin(users, user.id);
      await users.updateUser(id, { role });
      await users.revokeSessionsOfUser(id, this.clock.now());
      await this.audit.record(actor, 'user.role', `user:${user.email}`, { from: user.role, to: role }, tx);
    });
  }

  /** Disabling ends every session of the user at once. */
  setDisabled(id: string, disabled: boolean, actor: AuditActor): Promise<void> {
    return this.changingAdmins(async (users, tx) => {
      const user = await requireUser(users, id);
      if ((user.disabledAt !== null) === disabled) return;
      if (disabled && user.role === 'admin') await assertAnotherAdmin(users, user.id);
      const now = this.clock.now();
      await users.updateUser(id, { disabledAt: disabled ? now : null });
      if (disabled) await users.revokeSessionsOfUser(id, now);
      await this.audit.record(actor, disabled ? 'user.disable' : 'user.enable', `user:${user.email}`, {}, tx);
    });
  }

  /**
   * Changes that could leave no admin run one at a time (a transaction-scoped advisory
   * lock): two admins disabling each other at once cannot both pass the "another admin" check.
   */
  private changingAdmins(work: (users: IdentityRepository, tx: EntityManager) => Promise<void>): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
      await work(this.repository.within(tx), tx);
    });
  }

  private async insertUser(user: Partial<User>): Promise<User> {
    try {
      return await this.repository.insertUser(user);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError('conflict', 'USER.ALREADY_EXISTS', `A user with email ${user.email} already exists`, [
          { field: 'email', messages: ['is already used by another user'] },
        ]);
      }
      throw error;
    }
  }
}

/** The advisory-lock key that serialises changes to who is an active admin. */
const ADMIN_CHANGES_LOCK = 7_245_001;

async function requireUser(users: IdentityRepository, id: string): Promise<User> {
  const user = await users.findUserById(id);
  if (!user) throw userNotFound(id);
  return user;
}

/** The last active admin cannot demote or disable themselves into a locked-out catalogue. */
async function assertAnotherAdmin(users: IdentityRepository, exceptId: string): Promise<void> {
  if ((await users.countActiveAdmins(exceptId)) === 0) {
    throw new DomainError('conflict', 'USER.LAST_ADMIN', 'This is the last active admin; make someone else an admin first');
  }
}

const userNotFound = (ref: string): DomainError => new DomainError('not_found', 'USER.NOT_FOUND', `No user ${ref}`);

export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new DomainError('invalid', 'USER.WEAK_PASSWORD', `The password must be ${MIN_PASSWORD_LENGTH} to 1024 characters long`, [
      { field: 'password', messages: [`must be ${MIN_PASSWORD_LENGTH} to 1024 characters long`] },
    ]);
  }
}
