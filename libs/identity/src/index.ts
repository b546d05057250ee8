export { ApiKeysService } from './api-keys/api-keys.service';
export { AUDIT_ACTIONS, AuditService, type AuditActor } from './audit/audit.service';
export { AccessToken, CurrentUser, PUBLIC_KEY, Public, ROLES_KEY, Roles } from './auth.guard';
export { LoginDto, TokenView, UserView } from './dto/login.dto';
export { IdentityHttpModule, IdentityModule } from './identity.module';
export { IdentityService, type AuthenticatedUser } from './identity.service';
export { PostgresRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit/rate-limit.store';
export { ROLES, type Role } from './user.entity';
