import { runMeetingsSweep } from '../../core/meetings/sweep';
import type { JobHandler } from '../handler';

/** Every minute: queue again the meeting jobs lost from Redis (requests finding/booking, meetings cancelling). */
export const meetingsSweep: JobHandler<'meetings-sweep'> = async (deps, { partnershipId }) => {
  if (partnershipId !== deps.partnership.id) return { skipped: true };
  return runMeetingsSweep(deps);
};
