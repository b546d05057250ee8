import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('operations: metrics and health', () => {
  let t: TestApp;
  const TOKEN = 'metrics-token-for-tests-0123456789';
  beforeAll(async () => (t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } })));
  afterAll(() => t.close());

  it('exposes Prometheus metrics: latency by route pattern, search engine latency, outbox backlog, the process', async () => {
    await request(t.http).get('/api/v1/programmes?q=кредит').expect(200);
    await request(t.http).get('/api/v1/programmes/sme-premises').expect(200);
    await request(t.http).get('/api/v1/programmes/no-such-programme').expect(404);
    const res = await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.05",method="GET",route="\/api\/v1\/programmes\/:slug",status="200"\} \d+/,
    );
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/programmes\/:slug",status="404"\} 1/);
    expect(text).not.toContain('sme-premises'); // patterns, not URLs
    expect(text).toMatch(/search_engine_duration_seconds_count\{engine="postgres",outcome="ok"\} [1-9]/);
    for (const gauge of [
      'search_outbox_pending',
      'search_outbox_failed',
      'search_outbox_lag_seconds',
      'search_outbox_processed_last_hour',
    ]) {
      expect(text).toMatch(new RegExp(`^${gauge} \\d+(\\.\\d+)?$`, 'm'));
    }
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('wants the metrics token when one is configured', async () => {
    expect((await request(t.http).get('/metrics')).status).toBe(401);
    expect((await request(t.http).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token')).status).toBe(401);
  });

  it('readiness reports the database and the search engine', async () => {
    const res = await request(t.http).get('/health/ready').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: {
        process: { status: 'up' },
        database: { status: 'up' },
        search: { status: 'up', engine: 'postgres', engineHealthy: true, degraded: false },
      },
    });
  });
});
