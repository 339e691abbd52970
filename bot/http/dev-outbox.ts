import { Router } from 'express';
import type { DevOutbox } from '../../core/delivery/dev-outbox';
import { escapeHtml } from '../../core/text/escape-html';

/**
 * Local mode only: the email the bot would have sent, newest first, at /dev/outbox
 * (HTML) and /dev/outbox.json. The bodies are the bot's own HTML (every value escaped).
 */
export function devOutboxRouter(outbox: DevOutbox): Router {
  const router = Router();
  router.get('/dev/outbox.json', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ mail: await outbox.read() });
  });
  router.get('/dev/outbox', async (_req, res) => {
    const mail = await outbox.read();
    const items = mail.map(
      (m) =>
        `<article><h2>${escapeHtml(m.subject)}</h2><p>To ${escapeHtml(m.to)}, ${escapeHtml(m.at)}</p>` +
        `<div class="mail">${m.html}</div></article>`,
    );
    res
      .set({
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      })
      .type('html')
      .send(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Local outbox</title>' +
          '<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto}article{border:1px solid #ccc;' +
          'border-radius:6px;padding:0 1rem 1rem;margin-bottom:1rem}</style></head><body>' +
          `<h1>Local outbox</h1><p>Email the bot would have sent (local mode, no Graph application): ${mail.length}.</p>` +
          (items.join('') || '<p>Nothing yet.</p>') +
          '</body></html>',
      );
  });
  return router;
}
