import nock from 'nock';
import { presetWithObjectIds, TEST_TENANT_ID } from '../support/partnership-file';
import { openTestRuntime, type TestRuntime } from '../support/runtime';

export const GRAPH = 'https://graph.microsoft.com';
export const LOGIN = 'https://login.microsoftonline.com';
export const ORGANISER = 'meetings@wakefield.example';
/** The organiser mailbox's path on Graph. */
export const USER = `/v1.0/users/${encodeURIComponent(ORGANISER)}`;

/**
 * A runtime for meeting booking at 24 March 2027, 12:00: Wakefield with an organiser mailbox, Graph
 * credentials, and Graph's token endpoint faked with nock (nothing leaves 127.0.0.1).
 */
export async function openMeetingsRuntime(): Promise<TestRuntime> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const t = await openTestRuntime({
    PARTNERSHIP: presetWithObjectIds('wakefield', {
      microsoft: { tenantId: TEST_TENANT_ID, organiserMailbox: ORGANISER },
    }),
    GRAPH_CLIENT_ID: 'graph-client',
    GRAPH_CLIENT_SECRET: 'graph-secret',
    GRAPH_MAX_RETRIES: '2',
    CLOCK_START: '2027-03-24T12:00:00Z',
  });
  nock(LOGIN)
    .persist()
    .post(`/${TEST_TENANT_ID}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, { access_token: 'graph-token', expires_in: 3600, token_type: 'Bearer' });
  return t;
}

/** Undoes openMeetingsRuntime's nock set-up. */
export function restoreNetwork(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
