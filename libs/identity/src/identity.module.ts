import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSession } from './auth-session.entity';
import { RolesGuard } from './auth.guard';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';
import { User } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthSession])],
  providers: [IdentityRepository, IdentityService],
  exports: [IdentityService],
})
export class IdentityModule {}

/** For HTTP processes: enforces @Roles on every route. */
@Module({
  imports: [IdentityModule],
  providers: [{ provide: APP_GUARD, useClass: RolesGuard }],
})
export class IdentityHttpModule {}
