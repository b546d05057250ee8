import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@app/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { ApiKey } from './api-key.entity';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedApiKey {
  /** The whole key: shown once, never stored. */
  key: string;
  apiKey: ApiKeyView;
}

/** `snk_<prefix>_<secret>`: the prefix (8 hex) names the key in lists, the secret is 32 random bytes. */
const KEY_PATTERN = /^snk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
/** Last use is written at most this often per key, so busy keys do not write on every request. */
const LAST_USE_RESOLUTION_MS = 60_000;

const sha256 = (key: string): Buffer => createHash('sha256').update(key).digest();
const view = (k: ApiKey): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApiKeyView[]> {
    const keys = await this.dataSource.manager.find(ApiKey, {
      order: { revokedAt: { direction: 'DESC', nulls: 'FIRST' }, createdAt: 'DESC' },
    });
    return keys.map(view);
  }

  async create(name: string, actor: AuditActor): Promise<IssuedApiKey> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) {
      throw new DomainError('invalid', 'API_KEY.INVALID_NAME', 'Name the key (1 to 200 characters)', [
        { field: 'name', messages: ['must be 1 to 200 characters long'] },
      ]);
    }
    return this.dataSource.transaction(async (tx) => {
      const prefix = randomBytes(4).toString('hex');
      const key = `snk_${prefix}_${randomBytes(32).toString('base64url')}`;
      const saved = await tx.save(tx.create(ApiKey, { name: trimmed, prefix, keyHash: sha256(key), createdBy: actor.id }));
      await this.audit.record(actor, 'api_key.create', `api_key:${prefix}`, { name: trimmed }, tx);
      return { key, apiKey: view(saved) };
    });
  }

  async revoke(id: string, actor: AuditActor): Promise<ApiKeyView> {
    return this.dataSource.transaction(async (tx) => {
      const key = await tx.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new DomainError('not_found', 'API_KEY.NOT_FOUND', `No API key ${id}`);
      if (!key.revokedAt) {
        key.revokedAt = this.clock.now();
        await tx.update(ApiKey, { id }, { revokedAt: key.revokedAt });
        await this.audit.record(actor, 'api_key.revoke', `api_key:${key.prefix}`, { name: key.name }, tx);
      }
      return view(key);
    });
  }

  /** Whether a string has the shape of a key (a malformed one is refused without a lookup). */
  static isWellFormed(presented: string): boolean {
    return KEY_PATTERN.test(presented);
  }

  /**
   * The live key a request presents, or null; records its use (to the
   * minute). Looked up by its hash (the secret itself is never compared), the
   * stored hash then checked in constant time; nothing is cached, so a
   * revoked key fails on the next request.
   */
  async authenticate(presented: string): Promise<ApiKeyView | null> {
    if (!KEY_PATTERN.test(presented)) return null;
    const hash = sha256(presented);
    const key = await this.dataSource.manager
      .createQueryBuilder(ApiKey, 'k')
      .addSelect('k.keyHash')
      .where('k.keyHash = :hash AND k.revokedAt IS NULL', { hash })
      .getOne();
    if (!key || !timingSafeEqual(key.keyHash, hash)) return null;
    const now = this.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS) {
      await this.dataSource.manager.update(ApiKey, { id: key.id }, { lastUsedAt: now });
      key.lastUsedAt = now;
    }
    return view(key);
  }
}
