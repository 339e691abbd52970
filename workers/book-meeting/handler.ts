import { bookMeeting } from '../../core/meetings/book';
import type { JobHandler } from '../handler';
import { isFinalAttempt, meetingDeps, meetingJob } from '../find-slots/meeting-deps';

/** Creates (or moves) the Teams meeting in the organiser mailbox and sends the confirmation. */
export const bookMeetingJob: JobHandler<'book-meeting'> = (deps, { requestId }, job) =>
  meetingJob(job, bookMeeting(meetingDeps(deps), requestId, isFinalAttempt(job)));
