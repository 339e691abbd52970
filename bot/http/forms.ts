import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type ErrorRequestHandler, type Response } from 'express';
import type { Partnership } from '../../config/partnership/schema';
import { appendAudit } from '../../core/audit/append';
import { currentFormCard, openForm, submitForm, type FormRefusal } from '../../core/forms/submit';
import type { Services } from '../../core/services/services';
import { escapeHtml } from '../../core/text/escape-html';

export interface FormsDeps extends Services {
  /** formTokenSecret(env) */
  secret: string;
}

type Refusal = { status: 400 | 403 | 404 | 409 | 410 | 500; message: string };

const REFUSALS: Record<FormRefusal, Refusal> = {
  malformed: { status: 404, message: 'This link is not valid.' },
  'bad-signature': { status: 404, message: 'This link is not valid.' },
  unknown: { status: 404, message: 'This link is not valid.' },
  expired: {
    status: 410,
    message: 'This link has expired. Ask the business unit to send you a new one.',
  },
  used: {
    status: 409,
    message: 'This form has already been submitted. Each link can be used once.',
  },
};

const STYLE = [
  'body{margin:0;background:#f5f5f5;color:#242424;font-family:"Segoe UI",Segoe,"Helvetica Neue",sans-serif}',
  'main{max-width:40rem;margin:2rem auto;padding:0 1rem}',
  '#card-host{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:4px}',
  '.ac-pushButton{font:inherit;font-weight:600;padding:6px 16px;border-radius:4px;border:1px solid #464775;background:#464775;color:#fff;cursor:pointer}',
  '.ac-pushButton:disabled{opacity:.5;cursor:default}',
  '#status{margin:0 0 1rem;font-weight:600}',
  '#status:empty{display:none}',
  '#status.ok{color:#237b4b}',
  '#status.error{color:#c4314b}',
  '.refusal{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:1rem}',
].join('');

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function readAsset(candidates: string[]): Buffer {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`web form asset missing: ${candidates[0]}`);
  return readFileSync(found);
}

/** The browser script lives beside this file in the source tree; a build in dist/ reads it from there. */
const FORM_JS = [
  path.join(__dirname, 'form-page', 'form.js'),
  path.resolve(__dirname, '../../../bot/http/form-page/form.js'),
];

function noStore(res: Response): Response {
  return res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
}

/** JSON inside <script type="application/json">: nothing in it may close the element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function page(res: Response, status: number, title: string, main: string, after = ''): void {
  noStore(res)
    .status(status)
    .set('Content-Security-Policy', CSP)
    .type('html')
    .send(
      '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<meta name="robots" content="noindex, nofollow"><link rel="icon" href="data:,">' +
        `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
        `<body><main>${main}</main>${after}</body></html>`,
    );
}

function refusalPage(res: Response, partnership: Partnership, r: Refusal): void {
  page(
    res,
    r.status,
    `${partnership.shortName} form`,
    `<p>${escapeHtml(partnership.name)}</p><p class="refusal">${escapeHtml(r.message)}</p>`,
  );
}

/**
 * `/forms/<token>`: the card an email recipient was sent, rendered in the browser by the official
 * renderer; its buttons post back here and run the same handler as the Teams Action.Execute.
 */
export function formsRouter(deps: FormsDeps): Router {
  const adaptiveCardsJs = readAsset([require.resolve('adaptivecards/dist/adaptivecards.min.js')]);
  const formJs = readAsset(FORM_JS);
  const { partnership } = deps;
  const router = Router();

  const asset = (body: Buffer) => (_req: express.Request, res: Response) => {
    res
      .set({ 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' })
      .type('application/javascript')
      .send(body);
  };
  router.get('/forms/assets/adaptivecards.js', asset(adaptiveCardsJs));
  router.get('/forms/assets/form.js', asset(formJs));

  router.get('/forms/:token', async (req, res) => {
    try {
      const opened = await openForm(deps.db, deps.secret, req.params.token);
      if (!opened.ok) return refusalPage(res, partnership, REFUSALS[opened.reason]);
      if (opened.partnershipId !== partnership.id) return refusalPage(res, partnership, REFUSALS.unknown);
      const person = deps.directory.person(opened.personId);
      if (!person)
        return refusalPage(res, partnership, { status: 403, message: notInDirectory(partnership) });
      const card = await currentFormCard(deps, opened, person);
      // A read of the case by its recipient (DESIGN §6); HEAD requests from link checkers show nothing.
      if (req.method === 'GET')
        await appendAudit(deps.db, {
          partnershipId: partnership.id,
          actor: opened.personId,
          action: 'form.opened',
          subjectType: 'message',
          subjectId: opened.messageId,
          details: { channel: 'web' },
        });
      page(
        res,
        200,
        `${partnership.shortName} form`,
        '<div id="status" role="status" aria-live="polite"></div><div id="card-host"></div>' +
          '<noscript><p class="refusal">This form needs JavaScript.</p></noscript>',
        `<script type="application/json" id="card">${scriptJson(card)}</script>` +
          '<script src="/forms/assets/adaptivecards.js"></script><script src="/forms/assets/form.js"></script>',
      );
    } catch (e) {
      deps.logger.error({ code: 'FORM_OPEN_FAILED', err: e }, 'web form could not be opened');
      refusalPage(res, partnership, {
        status: 500,
        message: 'Something went wrong. Please try again later.',
      });
    }
  });

  router.post('/forms/:token', express.json({ limit: '64kb' }), async (req, res) => {
    noStore(res);
    try {
      const result = await submitForm(deps, deps.secret, req.params.token, req.body);
      switch (result.kind) {
        case 'card':
          res.json({
            message: result.message ?? 'Thank you: your answer has been recorded.',
            card: result.card,
          });
          return;
        case 'refused': {
          const r = REFUSALS[result.reason];
          res.status(r.status).json({ error: r.message });
          return;
        }
        case 'not-in-directory':
          res.status(403).json({ error: notInDirectory(partnership) });
          return;
        default:
          res.status(result.status).json({ error: result.message });
      }
    } catch (e) {
      deps.logger.error({ code: 'FORM_SUBMIT_FAILED', err: e }, 'web form submission failed');
      res.status(500).json({ error: 'Something went wrong. Please try again later.' });
    }
  });

  // A body that is not JSON, or too large, is answered like any other refusal: JSON, no stack trace.
  const badBody: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
    const known = typeof status === 'number' && status >= 400 && status < 500;
    if (!known) deps.logger.error({ code: 'FORM_SUBMIT_FAILED', err }, 'web form request failed');
    if (status === 413) {
      noStore(res).status(413).json({
        error: 'Your answer is too long to send (the limit is 64 kB). Please shorten it and try again.',
      });
      return;
    }
    noStore(res)
      .status(known ? 400 : 500)
      .json({
        error: known
          ? 'The form sent something unexpected.'
          : 'Something went wrong. Please try again later.',
      });
  };
  router.use('/forms', badBody);

  return router;
}

function notInDirectory(p: Partnership): string {
  return `You are no longer in the ${p.shortName} directory, so this form is closed to you.`;
}
