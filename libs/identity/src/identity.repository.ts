import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthSession } from './auth-session.entity';
import { User } from './user.entity';

@Injectable()
export class IdentityRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
  ) {}

  /** The same queries, run inside a caller's transaction. */
  within(tx: EntityManager): IdentityRepository {
    return new IdentityRepository(tx.getRepository(User), tx.getRepository(AuthSession));
  }

  findUserWithHashByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  async insertUser(user: Partial<User>): Promise<User> {
    const result = await this.users.insert(user);
    return this.users.findOneOrFail({ where: { id: (result.identifiers[0] as { id: string }).id } });
  }

  findUserById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  listUsers(): Promise<User[]> {
    return this.users.find({ order: { email: 'ASC' } });
  }

  /** The invited user for a link token hash while the invitation is valid. */
  findUserByInviteHash(inviteTokenHash: Buffer, now: Date): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .where('u.inviteTokenHash = :inviteTokenHash AND u.inviteExpiresAt > :now AND u.disabledAt IS NULL', { inviteTokenHash, now })
      .getOne();
  }

  countActiveAdmins(exceptId: string): Promise<number> {
    return this.users
      .createQueryBuilder('u')
      .where(`u.role = 'admin' AND u.disabledAt IS NULL AND u.passwordHash IS NOT NULL AND u.id <> :exceptId`, { exceptId })
      .getCount();
  }

  async updateUser(
    id: string,
    changes: Partial<Pick<User, 'passwordHash' | 'role' | 'disabledAt' | 'inviteTokenHash' | 'inviteExpiresAt'>>,
  ): Promise<void> {
    await this.users.update({ id }, changes);
  }

  async insertSession(session: Partial<AuthSession>): Promise<void> {
    await this.sessions.insert(session);
  }

  /** The live session for a token hash, with its user; touches last use. */
  async findLiveSessionByHash(tokenHash: Buffer, now: Date): Promise<AuthSession | null> {
    const session = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.tokenHash = :tokenHash AND s.revokedAt IS NULL AND s.expiresAt > :now AND u.disabledAt IS NULL', { tokenHash, now })
      .getOne();
    if (session) await this.sessions.update({ id: session.id }, { lastUsedAt: now });
    return session;
  }

  async revokeSessionByHash(tokenHash: Buffer, now: Date): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('token_hash = :tokenHash AND revoked_at IS NULL', { tokenHash })
      .execute();
  }

  async revokeSessionsOfUser(userId: string, now: Date): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }
}
