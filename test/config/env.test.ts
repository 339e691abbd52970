import { EnvError, isLocalMode, parseEnv } from '../../config/env';

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
}

describe('environment', () => {
  it('has working defaults for a local run', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3978, PARTNERSHIP: 'wakefield', NODE_ENV: 'development' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(isLocalMode(env)).toBe(true);
  });

  it('names every invalid variable at once', () => {
    expect(problems({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^DATABASE_URL: expected a URL starting with postgres:/),
    ]);
  });

  it('takes the app catalog id only as a GUID, since it goes into Graph URLs and filters', () => {
    expect(
      parseEnv({ TEAMS_CATALOG_APP_ID: ' 1542629c-01b3-4a6d-8f76-1938b779e48d ' }).TEAMS_CATALOG_APP_ID,
    ).toBe('1542629c-01b3-4a6d-8f76-1938b779e48d');
    expect(parseEnv({ TEAMS_CATALOG_APP_ID: '' }).TEAMS_CATALOG_APP_ID).toBeUndefined();
    expect(problems({ TEAMS_CATALOG_APP_ID: "x' or 1 eq 1" })).toEqual([
      'TEAMS_CATALOG_APP_ID: expected the app catalog id, a GUID such as 1542629c-01b3-4a6d-8f76-1938b779e48d',
    ]);
  });

  it('refuses local mode in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_ID: is required when NODE_ENV=production/),
    ]);
  });

  it('requires a password for a multi-tenant app and a tenant for a single-tenant one', () => {
    expect(problems({ MICROSOFT_APP_ID: 'abc', FORM_TOKEN_SECRET: 's'.repeat(32) })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD: /),
    ]);
    expect(
      problems({
        MICROSOFT_APP_ID: 'abc',
        MICROSOFT_APP_PASSWORD: 'p',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        FORM_TOKEN_SECRET: 's'.repeat(32),
      }),
    ).toEqual([expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: /)]);
  });

  it('accepts a managed identity without a password', () => {
    const env = parseEnv({
      MICROSOFT_APP_ID: 'abc',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: 't',
      FORM_TOKEN_SECRET: 's'.repeat(32),
    });
    expect(isLocalMode(env)).toBe(false);
  });

  it('requires a form-link secret outside local mode, and Graph credentials in pairs', () => {
    expect(problems({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p', GRAPH_CLIENT_ID: 'g' })).toEqual([
      expect.stringMatching(/^FORM_TOKEN_SECRET: is required outside local mode/),
      expect.stringMatching(/^GRAPH_CLIENT_SECRET: /),
    ]);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', MICROSOFT_APP_ID: ' ' }).DATABASE_URL).toBeUndefined();
  });
});
