import { describe, expect, it } from 'vitest';
import { errorFields } from './error-fields.ts';
import { createLogger } from './logger.ts';

const at = new Date('2026-04-01T09:00:00.000Z');

function capture(level: Parameters<typeof createLogger>[0]['level']) {
  const lines: string[] = [];
  const logger = createLogger({ level, sink: (line) => void lines.push(line), clock: () => at });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines };
}

describe('createLogger', () => {
  it('writes one JSON object per event: time, level, msg, then the fields', () => {
    const { logger, lines } = capture('info');
    logger.info('request', { requestId: 'r1', status: 200 });
    expect(lines).toEqual([
      '{"time":"2026-04-01T09:00:00.000Z","level":"info","msg":"request","requestId":"r1","status":200}',
    ]);
  });

  it('drops events below the level; silent writes nothing', () => {
    const info = capture('warn');
    info.logger.info('no');
    info.logger.error('yes');
    expect(info.records().map((r) => r.msg)).toEqual(['yes']);
    const silent = capture('silent');
    silent.logger.fatal('no');
    expect(silent.lines).toEqual([]);
  });

  it('child loggers add their fields to every line', () => {
    const { logger, records } = capture('debug');
    logger.child({ component: 'push' }).debug('connected', { boxes: 3 });
    expect(records()[0]).toMatchObject({ component: 'push', msg: 'connected', boxes: 3 });
  });

  it('never writes a field named like a secret, at any depth', () => {
    const { logger, lines } = capture('info');
    logger.info('oops', {
      pin: '1234',
      headers: { authorization: 'Bearer abc', 'x-resident-session': 'x' },
      sessionToken: 'tok',
      deviceSecret: 'sec',
      password: 'pw',
      nested: { privateKeyPem: 'pem', signature: 'sig' },
    });
    const line = lines[0] ?? '';
    for (const secret of ['1234', 'Bearer abc', 'tok', 'sec', 'pw', 'pem', 'sig']) {
      expect(line).not.toContain(`"${secret}"`);
    }
    expect(JSON.parse(line).pin).toBe('[redacted]');
  });
});

describe('errorFields', () => {
  it('keeps name, code, message and causes, and nothing a driver hangs on its error', () => {
    const driverError = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      detail: 'Key (name)=(田中　花子) already exists.',
    });
    const wrapped = Object.assign(new Error('insert failed', { cause: driverError }), {
      code: 'db.query-failed',
    });
    const fields = errorFields(wrapped);
    expect(fields).toMatchObject({
      name: 'Error',
      code: 'db.query-failed',
      message: 'insert failed',
      cause: { code: '23505', message: 'duplicate key value' },
    });
    expect(JSON.stringify(fields)).not.toContain('田中');
  });
});
