import { SetMetadata } from '@nestjs/common';

/**
 * Which shared request budget a route draws on, declared on the route (its controller)
 * rather than worked out from its path:
 * - `api`: the public and consultants' API, per API key, signed-in user or client address;
 * - `web`: the public website's pages and feeds, per client address, with a generous budget.
 * Routes without one (admin, sign-in, health) have their own protections.
 */
export type RatePolicy = 'api' | 'web';

export const RATE_POLICY = 'ratePolicy';

export const RateLimit = (policy: RatePolicy): ClassDecorator & MethodDecorator => SetMetadata(RATE_POLICY, policy);
