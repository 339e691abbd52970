/** How one attempt to reach a person went, in terms the pipeline acts on. */
export type SendOutcome =
  | { kind: 'sent'; activityId: string | null }
  /** 429: wait as long as the service says (or back off), then try again. */
  | { kind: 'throttled'; status: number; retryAfterMs: number | null }
  /** 412, 502, 503, 504 and network errors: back off with jitter and retry. */
  | { kind: 'transient'; status: number; code: string }
  /** 403 or 404: the bot is not in that conversation, was blocked or uninstalled. Try email. */
  | { kind: 'unreachable'; status: number; code: string }
  /** Anything else: retrying will not help. Recorded and shown to the business unit. */
  | { kind: 'permanent'; status: number; code: string };

const TRANSIENT = new Set([408, 412, 500, 502, 503, 504]);

/**
 * The code of a Teams send the Connector accepted without an activity id (recorded on a delivery as
 * `TEAMS_NO_ACTIVITY_ID`): the card may be in the chat, but cannot be updated or found again.
 */
export const NO_ACTIVITY_ID = 'NO_ACTIVITY_ID';

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function classifyHttpFailure(status: number, retryAfter: string | null | undefined): SendOutcome {
  if (status === 429) return { kind: 'throttled', status, retryAfterMs: parseRetryAfter(retryAfter) };
  if (status === 0 || TRANSIENT.has(status)) return { kind: 'transient', status, code: `HTTP_${status}` };
  if (status === 403 || status === 404) return { kind: 'unreachable', status, code: `HTTP_${status}` };
  return { kind: 'permanent', status, code: `HTTP_${status}` };
}
