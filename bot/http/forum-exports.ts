import { Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../../core/audit/append';
import { canReadForumReport } from '../../core/forum/access';
import { forumReportCsv } from '../../core/forum/export-csv';
import { forumReportXlsx } from '../../core/forum/export-xlsx';
import { buildForumReport } from '../../core/forum/report';
import { sessionById } from '../../core/forum/sessions-store';
import type { Services } from '../../core/services/services';

const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `/forum/exports/<token>`: the forum report as CSV or Excel, from a short-lived link made for one
 * reader when they opened the report card. The reader must still be allowed to read reports.
 */
export function forumExportsRouter(deps: Services): Router {
  const router = Router();
  router.get('/forum/exports/:token', async (req, res) => {
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      const parsed = token.safeParse(req.params.token);
      const link = parsed.success
        ? await deps.db
            .selectFrom('forum_export_links')
            .selectAll()
            .where('token', '=', parsed.data)
            .executeTakeFirst()
        : undefined;
      if (!link) return void res.status(404).type('text').send('This download link is not valid.');
      if (link.expires_at.getTime() <= deps.now().getTime())
        return void res
          .status(410)
          .type('text')
          .send('This download link has expired. Open the report again for a new one.');
      const person = deps.directory.person(link.person_id);
      const session = await sessionById(deps.db, deps.partnership.id, link.session_id);
      if (!person || !canReadForumReport(person) || !session)
        return void res.status(403).type('text').send('You can no longer read this report.');
      const report = await buildForumReport(deps, session);
      await appendAudit(deps.db, {
        partnershipId: deps.partnership.id,
        actor: person.id,
        action: 'forum.exported',
        subjectType: 'forum-session',
        subjectId: session.id,
        details: { format: link.format },
      });
      const name = `${session.reference}-report.${link.format}`;
      res.set('Content-Disposition', `attachment; filename="${name}"`);
      if (link.format === 'csv') res.type('text/csv; charset=utf-8').send(`\uFEFF${forumReportCsv(report)}`);
      else res.type(XLSX).send(await forumReportXlsx(report));
    } catch (e) {
      deps.logger.error({ code: 'FORUM_EXPORT_FAILED', err: e }, 'forum export failed');
      res.status(500).type('text').send('Something went wrong. Please try again later.');
    }
  });
  return router;
}
