import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditEvent } from './audit/audit-event.entity';
import { AuditService } from './audit/audit.service';
import { AuthSession } from './auth-session.entity';
import { RolesGuard } from './auth.guard';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';
import { AppConfig } from '@app/config';
import { PostgresRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit/rate-limit.store';
import { User } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthSession, ApiKey, AuditEvent])],
  providers: [
    IdentityRepository,
    IdentityService,
    AuditService,
    ApiKeysService,
    PostgresRateLimitStore,
    {
      provide: RateLimitStore,
      inject: [AppConfig, PostgresRateLimitStore],
      useFactory: (config: AppConfig, postgres: PostgresRateLimitStore) =>
        config.rateLimits.redisUrl ? new RedisRateLimitStore(config.rateLimits.redisUrl) : postgres,
    },
  ],
  exports: [IdentityService, RateLimitStore, AuditService, ApiKeysService],
})
export class IdentityModule {}

/** For HTTP processes: enforces @Roles on every route. */
@Module({
  imports: [IdentityModule],
  providers: [{ provide: APP_GUARD, useClass: RolesGuard }],
})
export class IdentityHttpModule {}
