import { syncPeople } from '../../core/directory/sync-people';
import { appendAudit } from '../../core/audit/append';
import type { JobHandler } from '../handler';

/** Re-reads the partnership file's people into PostgreSQL; proves the schedule runs. */
export const directorySync: JobHandler<'directory-sync'> = async (deps, payload) => {
  if (payload.partnershipId !== deps.partnership.id) {
    deps.logger.warn(
      { partnershipId: payload.partnershipId },
      'directory-sync for another partnership skipped',
    );
    return { skipped: true };
  }
  const outcome = await syncPeople(deps.db, deps.partnership);
  await appendAudit(deps.db, {
    partnershipId: deps.partnership.id,
    actor: 'system:directory-sync',
    action: 'directory.synced',
    subjectType: 'partnership',
    subjectId: deps.partnership.id,
    details: { ...outcome },
  });
  return { ...outcome };
};
