import { isDatabaseUnavailable } from './pg-errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'shutting down'],
    [
      { name: 'QueryRunnerAlreadyReleasedError', message: 'Query runner already released' },
      'a write in flight when the connection went away',
    ],
    [{ driverError: { code: '55P03' }, message: 'canceling statement due to lock timeout' }, 'a lock that was not granted in time'],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, 'a statement that ran too long'],
    [{ code: 'ECONNREFUSED' }, 'unreachable'],
  ] as [object, string][])('says %j (%s) is a 503', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([[{ code: '23505' }], [new Error('v.map is not a function')], [null]])('says %j is not', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
