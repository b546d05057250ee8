import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

/** Who did something: a signed-in user, or a named process (the CLI, an import job). */
export interface AuditActor {
  id: string | null;
  label: string;
  ip?: string | null;
}

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_throttled',
  'auth.sign_out',
  'user.invite',
  'user.accept_invite',
  'user.role',
  'user.disable',
  'user.enable',
  'api_key.create',
  'api_key.revoke',
  'mail.view',
  'programme.publish',
  'programme.unpublish',
  'programme.archive',
  'programme.restore',
  'programme.delete',
  'programme.revert',
  'programme.apply_update',
  'programme.dismiss_update',
  'programme.confirm_sources',
  'programme.dismiss_source_change',
  'programme.publish_change',
  'programme.approve_change',
  'programme.discard_change',
  'import.apply',
  'search.reindex',
  'search.retry',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditQuery {
  action?: string;
  actor?: string;
  before?: string;
  limit: number;
}

/** The audit log: append-only, newest first. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an event; inside `tx` it commits or rolls back with the change it describes. */
  async record(
    actor: AuditActor,
    action: AuditAction,
    target: string | null,
    detail: Record<string, unknown> = {},
    tx?: EntityManager,
  ): Promise<void> {
    await (tx ?? this.dataSource.manager).query(
      `INSERT INTO audit_event (actor_id, actor_label, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.id, actor.label, action, target, JSON.stringify(detail), actor.ip ?? null],
    );
  }

  /** A page of events, newest first; `before` is the id to continue below. */
  list(query: AuditQuery): Promise<AuditEvent[]> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEvent, 'e').orderBy('e.id', 'DESC').take(query.limit);
    if (query.action) qb.andWhere('e.action LIKE :action', { action: `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.actor) qb.andWhere('e.actorLabel ILIKE :actor', { actor: `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.before) qb.andWhere('e.id < :before', { before: query.before });
    return qb.getMany();
  }
}
