import { Client } from 'pg';
import { createLogger } from '../../core/logger';
import { TEST_DATABASE_URL } from '../support/postgres';

describe('logged errors keep what was typed out of the logs', () => {
  it("logs a PostgreSQL error's kind, message and code, never its detail quoting the input", async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    let failure: unknown;
    try {
      // An answer that is not valid JSON: PostgreSQL quotes the offending text in `detail` and `where`.
      await client.query('select $1::jsonb', ['{"summary": "Seen with Jake Smith at 12 Elm Road" oops}']);
    } catch (e) {
      failure = e;
    } finally {
      await client.end();
    }
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).toContain('Elm Road');

    const lines: string[] = [];
    const logger = createLogger('info', {}, { write: (line: string) => void lines.push(line) });
    logger.error({ code: 'FORM_SUBMIT_FAILED', err: failure }, 'web form submission failed');
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(logged.err).toMatchObject({ type: 'DatabaseError', code: '22P02' });
    expect(logged.err.message).toMatch(/invalid input syntax for type json/);
    expect(lines[0]).not.toMatch(/Jake|Elm Road/);
  });

  it('logs something that is not an Error by its type only', () => {
    const lines: string[] = [];
    const logger = createLogger('info', {}, { write: (line: string) => void lines.push(line) });
    logger.error({ err: { detail: 'Jake Smith' } }, 'odd failure');
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { type: 'object' } });
    expect(lines[0]).not.toContain('Jake');
  });
});
