import { loadConfig } from '@app/config';
import { JobScheduler } from './job-scheduler';

/** The schedule as the configuration makes it (the jobs themselves are never called here). */
const jobsFor = (env: Record<string, string>): string[] => {
  const deps = Array.from({ length: 10 }, () => null) as unknown as ConstructorParameters<typeof JobScheduler> extends [unknown, ...infer R]
    ? R
    : never;
  return new JobScheduler(loadConfig(env), ...deps).jobs.map((j) => j.name);
};

describe('the worker schedule', () => {
  it('has the source watch only where it is enabled', () => {
    expect(jobsFor({ NODE_ENV: 'test' })).not.toContain('source-watch');
    expect(jobsFor({ NODE_ENV: 'test', SOURCE_WATCH_ENABLED: 'true' })).toContain('source-watch');
    expect(jobsFor({ NODE_ENV: 'development' })).not.toContain('source-watch');
  });
});
