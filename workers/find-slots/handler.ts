import { findSlots } from '../../core/meetings/find';
import type { JobHandler } from '../handler';
import { isFinalAttempt, meetingDeps, unlessBusy } from './meeting-deps';

/** Reads everyone's free/busy through Graph and offers the chair the best slots. */
export const findSlotsJob: JobHandler<'find-slots'> = (deps, { requestId }, job) =>
  unlessBusy(job, findSlots(meetingDeps(deps), requestId, isFinalAttempt(job)));
