import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/** Like toBool, but a value that is neither yes nor no stays as it is, so validation names it (a typo must not turn a safeguard off). */
const toStrictBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const v = String(value).toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off'].includes(v) ? false : value;
};

/**
 * Every environment variable the processes read, validated once at boot.
 * Nothing outside this library reads `process.env`.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** Connections of the pool imports and exports use, apart from the site's: they can never take the site's pool. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  DATABASE_BULK_POOL_SIZE = 2;

  /** The largest import file (admin page and CLI), in megabytes. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  IMPORT_MAX_FILE_MB = 20;

  /** The most rows one import may hold. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  IMPORT_MAX_ROWS = 20_000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DATABASE_LOCK_TIMEOUT_MS = 5000;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_ON_START?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WORKER_IN_PROCESS?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  STATUS_JOB_INTERVAL_SECONDS = 60;

  /** Source watch: the worker re-reads the pages programmes cite. Unset: on in production, off elsewhere (no outbound requests by themselves). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SOURCE_WATCH_ENABLED?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SOURCE_WATCH_INTERVAL_MINUTES = 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  SOURCE_WATCH_BATCH = 20;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SOURCE_WATCH_HOST_DELAY_MS = 5000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365 * 24)
  SOURCE_WATCH_RECHECK_HOURS = 24;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SOURCE_WATCH_TIMEOUT_MS = 15_000;

  /** smtp://user:pass@host:port or smtps://…: search alerts are sent through it. Unset: they wait in the database (see /admin/outbox). */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM = 'Support Navigator <alerts@support-navigator.invalid>';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  ALERTS_PER_ADDRESS_PER_DAY = 5;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  ALERTS_PER_CLIENT_PER_HOUR = 20;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_INTERVAL_SECONDS = 30;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  AUTH_TOKEN_TTL_MINUTES = 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(7 * 24 * 60)
  ADMIN_SESSION_TTL_MINUTES = 8 * 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SIGN_IN_WINDOW_MINUTES = 15;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SIGN_IN_MAX_PER_ACCOUNT = 10;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SIGN_IN_MAX_PER_ADDRESS = 50;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SIGN_IN_MAX_PER_ACCOUNT_PER_MINUTE = 20;

  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  API_RATE_WINDOW_SECONDS = 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  API_RATE_LIMIT_ANONYMOUS = 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  API_RATE_LIMIT_KEY = 1200;

  @IsOptional()
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsString()
  BODY_LIMIT = '256kb';

  @IsOptional()
  @IsString()
  TRUST_PROXY = 'false';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_GRACE_MS = 5000;

  @IsOptional()
  @IsString()
  @Matches(/^\S{16,200}$/, { message: 'METRICS_TOKEN must be 16 to 200 characters without spaces' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  MEILI_URL?: string;

  @IsOptional()
  @IsString()
  MEILI_API_KEY?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'MEILI_INDEX may hold letters, digits, - and _' })
  MEILI_INDEX = 'programmes';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  MEILI_TIMEOUT_MS = 2000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  SEARCH_SYNC_INTERVAL_MS = 1000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  SEARCH_RECONCILE_INTERVAL_MINUTES = 60;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  SEARCH_CACHE_ENTRIES = 1000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  SOURCE_MAX_AGE_DAYS = 365;

  /** true: a pending change of a published programme goes live only when an editor other than its authors approves or publishes it. */
  @IsOptional()
  @Transform(toStrictBool)
  @IsBoolean({ message: 'PROGRAMME_REVIEW_REQUIRED must be true or false' })
  PROGRAMME_REVIEW_REQUIRED?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  WEB_RATE_LIMIT = 300;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  EXPORTS_AT_ONCE = 4;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  EXPORTS_PER_CLIENT = 1;

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  TEST_DATABASE_URL?: string;
}

export interface DatabaseConfig {
  /** A connection URL, or undefined for the embedded PostgreSQL default. */
  url?: string;
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
  /** The pool imports and exports use, apart from `poolSize`. */
  bulkPoolSize: number;
  /** How long a statement waits for a lock another transaction holds (then 503). */
  lockTimeoutMs: number;
  migrateOnStart: boolean;
  seedOnStart: boolean;
}

export interface HttpConfig {
  port: number;
  host: string;
  bodyLimit: string;
  trustProxy: boolean | number | string;
  /**
   * The site's public address for every absolute link (feeds, JSON-LD, exports, invitations).
   * Never taken from a request's Host header. Required in production; elsewhere it defaults
   * to the address the server listens on.
   */
  publicBaseUrl: string;
  /** On SIGTERM: how long readiness answers 503 before the server stops accepting (for load balancers to notice). */
  shutdownGraceMs: number;
  /** Set: /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export interface AuthConfig {
  tokenTtlMinutes: number;
  /** How long an admin-page sign-in lasts. */
  sessionTtlMinutes: number;
  /** Sign-in attempts allowed per account and per client address in one window. */
  signInWindowMinutes: number;
  signInMaxPerAccount: number;
  signInMaxPerAddress: number;
  /** Attempts on one account from everywhere together, per minute: a slow back-off, never a lockout. */
  signInMaxPerAccountPerMinute: number;
}

export interface RateLimitConfig {
  /** Set: counters in Redis; unset: in PostgreSQL. Either way shared by every instance. */
  redisUrl?: string;
  windowSeconds: number;
  /** Requests per window for a client address without a key, and for an API key (or signed-in user). */
  anonymous: number;
  key: number;
  /** Website pages and feeds per window per client address. */
  web: number;
  /** Exports running at once on one server, and per client. */
  exportsAtOnce: number;
  exportsPerClient: number;
}

export interface WorkerConfig {
  inProcess: boolean;
  statusJobIntervalSeconds: number;
  sourceWatch: SourceWatchConfig;
}

/** The worker's re-reading of the pages programmes cite (see libs/source-watch). */
export interface SourceWatchConfig {
  enabled: boolean;
  /** How often a pass runs (once per period among all workers). */
  intervalMinutes: number;
  /** Pages one pass reads at most, those checked longest ago first. */
  batch: number;
  /** The pause between two requests to one host (never two at once to one host). */
  hostDelayMs: number;
  /** A page is read again once its last reading is this old. */
  recheckHours: number;
  /** The whole of one request: connecting, the answer and its body. */
  timeoutMs: number;
}

export interface SearchConfig {
  /** Set: Meilisearch answers searches (PostgreSQL when it is down); unset: PostgreSQL alone. */
  meiliUrl?: string;
  meiliApiKey?: string;
  meiliIndex: string;
  meiliTimeoutMs: number;
  syncIntervalMs: number;
  reconcileIntervalMinutes: number;
  /** Answers the PostgreSQL engine keeps per process, valid while the index is unchanged (0: none). */
  cacheEntries: number;
}

export interface MailConfig {
  /** Unset: messages are kept in the database and listed at /admin/outbox, never sent. */
  smtpUrl?: string;
  from: string;
  /** Subscriptions one address may start per day, and one client address per hour. */
  alertsPerAddressPerDay: number;
  alertsPerClientPerHour: number;
  /** How often the mail relay and the digest job run. */
  intervalSeconds: number;
}

export interface TransferConfig {
  /** The largest import file, in bytes, and the most rows one import may hold (a refusal names them). */
  maxFileBytes: number;
  maxRows: number;
}

export interface CatalogueConfig {
  /** An entry whose newest source page is older than this many days is shown as possibly out of date. */
  sourceMaxAgeDays: number;
  /** A pending change goes live only with a second editor's approval (none of its authors may give it). */
  reviewRequired: boolean;
}

/** The typed configuration of one process. Injected by its class. */
export class AppConfig {
  constructor(
    readonly env: 'development' | 'production' | 'test',
    readonly logLevel: string,
    readonly database: DatabaseConfig,
    readonly http: HttpConfig,
    readonly auth: AuthConfig,
    readonly worker: WorkerConfig,
    readonly search: SearchConfig,
    readonly rateLimits: RateLimitConfig,
    readonly catalogue: CatalogueConfig = { sourceMaxAgeDays: 365, reviewRequired: false },
    readonly mail: MailConfig = {
      from: 'Support Navigator <alerts@support-navigator.invalid>',
      alertsPerAddressPerDay: 5,
      alertsPerClientPerHour: 20,
      intervalSeconds: 30,
    },
    readonly transfer: TransferConfig = { maxFileBytes: 20 * 1024 * 1024, maxRows: 20_000 },
  ) {}

  /** The same configuration pointed at a resolved database (e.g. the embedded one). */
  withDatabaseUrl(url: string): AppConfig {
    return new AppConfig(
      this.env,
      this.logLevel,
      { ...this.database, url },
      this.http,
      this.auth,
      this.worker,
      this.search,
      this.rateLimits,
      this.catalogue,
      this.mail,
      this.transfer,
    );
  }
}

export class ConfigError extends Error {}

/** What production refuses to start without, and why (MEILI_API_KEY only with MEILI_URL). */
const REQUIRED_IN_PRODUCTION = {
  DATABASE_URL: 'the embedded PostgreSQL is for development',
  PUBLIC_BASE_URL: 'links never come from the Host header',
  METRICS_TOKEN: 'metrics are never public',
  MEILI_API_KEY:
    'Meilisearch in production has a master key; give servers the search key and the worker the write key (docker/compose.yml: MEILI_SEARCH_KEY, MEILI_WRITE_KEY)',
} as const;

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/**
 * Reads and validates the environment. Throws a ConfigError whose message is one
 * line naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, stripEmpty(env), { enableImplicitConversion: false });
  const errors = validateSync(vars, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.map((e) => `${e.property} (${Object.values(e.constraints ?? {}).join('; ')})`);
    throw new ConfigError(`Invalid configuration: ${problems.join(', ')}`);
  }
  const embedded = !vars.DATABASE_URL;
  const missingInProduction =
    vars.NODE_ENV === 'production'
      ? (Object.keys(REQUIRED_IN_PRODUCTION) as (keyof typeof REQUIRED_IN_PRODUCTION)[]).filter(
          (name) => !vars[name] && (name !== 'MEILI_API_KEY' || vars.MEILI_URL),
        )
      : [];
  if (missingInProduction.length) {
    throw new ConfigError(
      `Invalid configuration: ${missingInProduction.map((name) => `${name} (must be set in production: ${REQUIRED_IN_PRODUCTION[name]})`).join(', ')}`,
    );
  }
  const listening = `http://${vars.HOST === '0.0.0.0' || vars.HOST === '::' ? '127.0.0.1' : vars.HOST}:${vars.PORT}`;
  return new AppConfig(
    vars.NODE_ENV,
    vars.LOG_LEVEL,
    {
      url: vars.DATABASE_URL,
      embeddedDir: vars.EMBEDDED_PG_DIR,
      embeddedPort: vars.EMBEDDED_PG_PORT,
      poolSize: vars.DATABASE_POOL_SIZE,
      bulkPoolSize: vars.DATABASE_BULK_POOL_SIZE,
      lockTimeoutMs: vars.DATABASE_LOCK_TIMEOUT_MS,
      migrateOnStart: vars.MIGRATE_ON_START ?? embedded,
      seedOnStart: vars.SEED_ON_START ?? embedded,
    },
    {
      port: vars.PORT,
      host: vars.HOST,
      bodyLimit: vars.BODY_LIMIT,
      trustProxy: parseTrustProxy(vars.TRUST_PROXY),
      publicBaseUrl: (vars.PUBLIC_BASE_URL ?? listening).replace(/\/+$/, ''),
      shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
      metricsToken: vars.METRICS_TOKEN,
    },
    {
      tokenTtlMinutes: vars.AUTH_TOKEN_TTL_MINUTES,
      sessionTtlMinutes: vars.ADMIN_SESSION_TTL_MINUTES,
      signInWindowMinutes: vars.SIGN_IN_WINDOW_MINUTES,
      signInMaxPerAccount: vars.SIGN_IN_MAX_PER_ACCOUNT,
      signInMaxPerAddress: vars.SIGN_IN_MAX_PER_ADDRESS,
      signInMaxPerAccountPerMinute: vars.SIGN_IN_MAX_PER_ACCOUNT_PER_MINUTE,
    },
    {
      inProcess: vars.WORKER_IN_PROCESS ?? true,
      statusJobIntervalSeconds: vars.STATUS_JOB_INTERVAL_SECONDS,
      sourceWatch: {
        enabled: vars.SOURCE_WATCH_ENABLED ?? vars.NODE_ENV === 'production',
        intervalMinutes: vars.SOURCE_WATCH_INTERVAL_MINUTES,
        batch: vars.SOURCE_WATCH_BATCH,
        hostDelayMs: vars.SOURCE_WATCH_HOST_DELAY_MS,
        recheckHours: vars.SOURCE_WATCH_RECHECK_HOURS,
        timeoutMs: vars.SOURCE_WATCH_TIMEOUT_MS,
      },
    },
    {
      meiliUrl: vars.MEILI_URL,
      meiliApiKey: vars.MEILI_API_KEY,
      meiliIndex: vars.MEILI_INDEX,
      meiliTimeoutMs: vars.MEILI_TIMEOUT_MS,
      syncIntervalMs: vars.SEARCH_SYNC_INTERVAL_MS,
      reconcileIntervalMinutes: vars.SEARCH_RECONCILE_INTERVAL_MINUTES,
      cacheEntries: vars.SEARCH_CACHE_ENTRIES,
    },
    {
      redisUrl: vars.REDIS_URL,
      windowSeconds: vars.API_RATE_WINDOW_SECONDS,
      anonymous: vars.API_RATE_LIMIT_ANONYMOUS,
      key: vars.API_RATE_LIMIT_KEY,
      web: vars.WEB_RATE_LIMIT,
      exportsAtOnce: vars.EXPORTS_AT_ONCE,
      exportsPerClient: vars.EXPORTS_PER_CLIENT,
    },
    { sourceMaxAgeDays: vars.SOURCE_MAX_AGE_DAYS, reviewRequired: vars.PROGRAMME_REVIEW_REQUIRED ?? false },
    {
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM,
      alertsPerAddressPerDay: vars.ALERTS_PER_ADDRESS_PER_DAY,
      alertsPerClientPerHour: vars.ALERTS_PER_CLIENT_PER_HOUR,
      intervalSeconds: vars.MAIL_INTERVAL_SECONDS,
    },
    { maxFileBytes: vars.IMPORT_MAX_FILE_MB * 1024 * 1024, maxRows: vars.IMPORT_MAX_ROWS },
  );
}

/** Values the processes read once, outside the typed config (CLI secrets, test overrides). */
export function readSecret(name: 'ADMIN_PASSWORD'): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readTestDatabaseUrl(): string | undefined {
  return stripEmpty(process.env).TEST_DATABASE_URL;
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
