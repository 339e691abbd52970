import { findSlots } from '../../core/meetings/find';
import type { JobHandler } from '../handler';
import { isFinalAttempt, meetingDeps, meetingJob } from './meeting-deps';

/** Reads everyone's free/busy through Graph and offers the chair the best slots. */
export const findSlotsJob: JobHandler<'find-slots'> = (deps, { requestId }, job) =>
  meetingJob(job, findSlots(meetingDeps(deps), requestId, isFinalAttempt(job)));
