import type { MailSender, TeamsInstaller, TeamsSender } from '../core/delivery/ports';
import type { ConversationLimiter } from '../core/delivery/conversation-limiter';
import type { MeetingCalendar } from '../core/graph/calendar';
import type { JobName, JobPayload } from './catalog';
import type { Services } from '../core/services/services';

/** The ways out of the process: Teams, Graph and the signed web-form links. */
export interface DeliveryPorts {
  teams: TeamsSender;
  /** Null when Graph or the app catalog id is not configured. */
  installer: TeamsInstaller | null;
  /** Null when Graph mail is not configured. */
  mail: MailSender | null;
  formLink(messageId: string, personId: string): Promise<string>;
  conversationLimiter: ConversationLimiter;
  /** Meeting booking's Graph calendar (or the local fake); null or absent when not set up. */
  calendar?: MeetingCalendar | null;
}

export interface WorkerDeps extends Services {
  delivery: DeliveryPorts;
}

export interface JobControl {
  id: string;
  attemptsMade: number;
  maxAttempts: number;
  /** Puts the job back to run after `ms` (a throttle told us to wait); does not use up an attempt. */
  retryAfter(ms: number): Promise<never>;
}

/** A job handler re-reads state from PostgreSQL, acts, records; its return value is kept on the job. */
export type JobHandler<N extends JobName> = (
  deps: WorkerDeps,
  payload: JobPayload<N>,
  job: JobControl,
) => Promise<Record<string, unknown>>;

export type HandlerMap = { [N in JobName]: JobHandler<N> };
