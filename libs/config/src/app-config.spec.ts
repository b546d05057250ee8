import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('refuses to start in production without PUBLIC_BASE_URL and METRICS_TOKEN, naming both', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_BASE_URL.*METRICS_TOKEN/);
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://navigator.example' })).toThrow(/METRICS_TOKEN/);
    const ok = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://navigator.example/',
      METRICS_TOKEN: 'a-long-enough-token-123',
    });
    expect(ok.http.publicBaseUrl).toBe('https://navigator.example');
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
});
