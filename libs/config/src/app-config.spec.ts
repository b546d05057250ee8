import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('refuses to start in production without DATABASE_URL, PUBLIC_BASE_URL and METRICS_TOKEN, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL.*PUBLIC_BASE_URL.*METRICS_TOKEN/);
    const database = { NODE_ENV: 'production', DATABASE_URL: 'postgres://sn:secret@db:5432/sn' };
    expect(() => loadConfig({ ...database, PUBLIC_BASE_URL: 'https://navigator.example' })).toThrow(
      /^Invalid configuration: METRICS_TOKEN/,
    );
    const ok = loadConfig({
      ...database,
      PUBLIC_BASE_URL: 'https://navigator.example/',
      METRICS_TOKEN: 'a-long-enough-token-123',
    });
    expect(ok.http.publicBaseUrl).toBe('https://navigator.example');
  });

  it('wants a Meilisearch key in production when MEILI_URL is set, and only then', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://sn:secret@db:5432/sn',
      PUBLIC_BASE_URL: 'https://navigator.example',
      METRICS_TOKEN: 'a-long-enough-token-123',
    };
    expect(() => loadConfig({ ...production, MEILI_URL: 'http://meilisearch:7700' })).toThrow(/MEILI_API_KEY \(must be set in production/);
    expect(loadConfig({ ...production, MEILI_URL: 'http://meilisearch:7700', MEILI_API_KEY: 'scoped' }).search.meiliApiKey).toBe('scoped');
    expect(loadConfig(production).search.meiliUrl).toBeUndefined();
    expect(loadConfig({ MEILI_URL: 'http://127.0.0.1:7700' }).search.meiliApiKey).toBeUndefined();
  });

  it('defaults the public address to where the server listens outside production', () => {
    expect(loadConfig({}).http.publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).http.publicBaseUrl).toBe('http://127.0.0.1:8080');
  });

  it('reads the source age and the lock timeout', () => {
    expect(loadConfig({}).catalogue.sourceMaxAgeDays).toBe(365);
    expect(loadConfig({ SOURCE_MAX_AGE_DAYS: '180', DATABASE_LOCK_TIMEOUT_MS: '2000' })).toMatchObject({
      catalogue: { sourceMaxAgeDays: 180 },
      database: { lockTimeoutMs: 2000 },
    });
    expect(() => loadConfig({ SOURCE_MAX_AGE_DAYS: '0' })).toThrow(/SOURCE_MAX_AGE_DAYS/);
  });

  it('watches sources in production by default, nowhere else unless told, and checks its numbers', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://sn:secret@db:5432/sn',
      PUBLIC_BASE_URL: 'https://navigator.example',
      METRICS_TOKEN: 'a-long-enough-token-123',
    };
    expect(loadConfig(production).worker.sourceWatch).toEqual({
      enabled: true,
      intervalMinutes: 60,
      batch: 20,
      hostDelayMs: 5000,
      recheckHours: 24,
      timeoutMs: 15000,
    });
    expect(loadConfig({ ...production, SOURCE_WATCH_ENABLED: 'false' }).worker.sourceWatch.enabled).toBe(false);
    expect(loadConfig({}).worker.sourceWatch.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).worker.sourceWatch.enabled).toBe(false);
    expect(
      loadConfig({
        SOURCE_WATCH_ENABLED: 'true',
        SOURCE_WATCH_INTERVAL_MINUTES: '15',
        SOURCE_WATCH_BATCH: '5',
        SOURCE_WATCH_HOST_DELAY_MS: '0',
      }).worker.sourceWatch,
    ).toMatchObject({ enabled: true, intervalMinutes: 15, batch: 5, hostDelayMs: 0 });
    expect(() => loadConfig({ SOURCE_WATCH_BATCH: '0', SOURCE_WATCH_INTERVAL_MINUTES: 'often', SOURCE_WATCH_TIMEOUT_MS: '5' })).toThrow(
      /SOURCE_WATCH_INTERVAL_MINUTES.*SOURCE_WATCH_BATCH.*SOURCE_WATCH_TIMEOUT_MS/,
    );
  });

  it('reads whether a pending change needs a second editor, refusing a value that is neither yes nor no', () => {
    expect(loadConfig({}).catalogue.reviewRequired).toBe(false);
    expect(loadConfig({ PROGRAMME_REVIEW_REQUIRED: 'true' }).catalogue.reviewRequired).toBe(true);
    expect(loadConfig({ PROGRAMME_REVIEW_REQUIRED: 'false' }).catalogue.reviewRequired).toBe(false);
    expect(() => loadConfig({ PROGRAMME_REVIEW_REQUIRED: 'ture' })).toThrow(
      /PROGRAMME_REVIEW_REQUIRED \(PROGRAMME_REVIEW_REQUIRED must be true or false\)/,
    );
  });
});
