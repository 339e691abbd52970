import type { Env } from '../../config/env';
import type { Partnership } from '../../config/partnership/schema';
import { graphMeetingCalendar, type MeetingCalendar } from './calendar';
import { graphCredential, staticCredential } from './credential';
import { startFakeGraph, type FakeGraph } from './fake/server';
import { graphSdkTransport } from './sdk-transport';

/** The organiser used by the local fake when the partnership file names none. */
export function fakeOrganiser(p: Partnership): string {
  return p.microsoft.organiserMailbox ?? `meetings@${p.id}.example`;
}

/**
 * The calendar meeting booking uses: the local fake Graph when GRAPH_FAKE=true,
 * else Graph with the app's credential and the partnership's organiser
 * mailbox; null when either is missing (booking then says it is not set up).
 */
export function meetingCalendarFromEnv(env: Env, p: Partnership): MeetingCalendar | null {
  if (env.GRAPH_FAKE) {
    const organiser = fakeOrganiser(p);
    let fake: Promise<{ graph: FakeGraph; calendar: MeetingCalendar }> | undefined;
    const ready = () =>
      (fake ??= startFakeGraph([organiser, ...p.people.map((x) => x.email)]).then((graph) => ({
        graph,
        calendar: graphMeetingCalendar(
          graphSdkTransport({
            credential: staticCredential('fake-graph-token'),
            baseUrl: graph.baseUrl,
            maxRetries: env.GRAPH_MAX_RETRIES,
          }),
          organiser,
          p.timeZone,
        ),
      })));
    return {
      organiser,
      getSchedules: async (...a) => (await ready()).calendar.getSchedules(...a),
      createEvent: async (...a) => (await ready()).calendar.createEvent(...a),
      moveEvent: async (...a) => (await ready()).calendar.moveEvent(...a),
      cancelEvent: async (...a) => (await ready()).calendar.cancelEvent(...a),
    };
  }
  const tenantId = p.microsoft.tenantId;
  const organiser = p.microsoft.organiserMailbox;
  if (!env.GRAPH_CLIENT_ID || !tenantId || !organiser) return null;
  if (!env.GRAPH_CLIENT_SECRET && !env.GRAPH_CLIENT_CERTIFICATE_PATH) return null;
  const credential = graphCredential({
    tenantId,
    clientId: env.GRAPH_CLIENT_ID,
    clientSecret: env.GRAPH_CLIENT_SECRET,
    certificatePath: env.GRAPH_CLIENT_CERTIFICATE_PATH,
    authorityUrl: env.GRAPH_AUTHORITY_URL,
  });
  return graphMeetingCalendar(
    graphSdkTransport({ credential, baseUrl: env.GRAPH_BASE_URL, maxRetries: env.GRAPH_MAX_RETRIES }),
    organiser,
    p.timeZone,
  );
}
