import { Router } from 'express';
import { downloadPack } from '../../core/rapid-review/pack/download';
import { PACK_CSP } from '../../core/rapid-review/pack/html';
import type { FormsDeps } from './forms';

/**
 * `/packs/<token>`: a Rapid Review's submission pack, as HTML or (with `?format=md`) Markdown, from a
 * signed, expiring link made for one reader (core/rapid-review/pack). Always a download, never cached.
 */
export function rapidReviewPacksRouter(deps: FormsDeps): Router {
  const router = Router();
  router.get('/packs/:token', async (req, res) => {
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': PACK_CSP,
    });
    try {
      const asked = req.query.format ?? 'html';
      if (asked !== 'html' && asked !== 'md')
        return void res.status(400).type('text/plain').send('format: expected html or md.');
      const format = asked;
      const result = await downloadPack(deps, deps.secret, String(req.params.token), format, 'web');
      if (!result.ok) return void res.status(result.status).type('text/plain').send(result.message);
      res.set('Content-Disposition', `attachment; filename="${result.fileName}"`);
      res.status(200).type(result.contentType).send(result.body);
    } catch (e) {
      deps.logger.error({ code: 'RR_PACK_FAILED', err: e }, 'submission pack failed');
      res.status(500).type('text/plain').send('Something went wrong. Please try again later.');
    }
  });
  return router;
}
