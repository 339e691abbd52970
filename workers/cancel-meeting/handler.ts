import { cancelMeeting } from '../../core/meetings/book';
import type { JobHandler } from '../handler';
import { isFinalAttempt, meetingDeps, meetingJob } from '../find-slots/meeting-deps';

/** Cancels a booked meeting (Outlook sends the cancellations) and updates the confirmation cards. */
export const cancelMeetingJob: JobHandler<'cancel-meeting'> = (deps, { meetingId }, job) =>
  meetingJob(job, cancelMeeting(meetingDeps(deps), meetingId, isFinalAttempt(job)));
