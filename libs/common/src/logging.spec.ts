import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { loadConfig } from '@app/config';
import { loggerParams } from './logging';

/** The log lines a logger with the processes' settings writes. */
function capture(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const { pinoHttp } = loggerParams(loadConfig({ LOG_LEVEL: 'info' }), false) as { pinoHttp: pino.LoggerOptions };
  return { logger: pino({ level: 'info', serializers: pinoHttp.serializers, redact: pinoHttp.redact }, sink), lines };
}

describe('logged errors (issue 26)', () => {
  it('never hold a failed statement’s parameters, and cut long text: a 30 MB parameter logs a short line', () => {
    const { logger, lines } = capture();
    const report = JSON.stringify({ rows: 'z'.repeat(30 * 1024 * 1024) });
    const driverError = Object.assign(new Error('total size of jsonb array elements exceeds the maximum of 268435455 bytes'), {
      code: '54000',
      parameters: [report],
    });
    const failed = new QueryFailedError(
      `UPDATE import_file SET report = $2 WHERE id = $1 ${'-- '.repeat(2000)}`,
      ['id', report],
      driverError,
    );
    logger.error({ err: failed, importId: 'id' }, 'Import check failed');
    logger.error({ err: new Error('wrapped', { cause: failed }) }, 'Wrapped');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.length).toBeLessThan(20_000);
      expect(line).not.toContain('zzzzzzzzzz');
      expect(JSON.parse(line)).not.toHaveProperty('err.parameters');
    }
    const first = JSON.parse(lines[0]);
    expect(first.err).toMatchObject({ type: 'QueryFailedError', code: '54000' });
    expect(first.err.message).toContain('total size of jsonb array elements');
    expect(first.err.query).toMatch(/^UPDATE import_file SET report/);
  });
});
