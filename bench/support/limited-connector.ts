import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAMS_CONVERSATION_WINDOWS, type RateWindow } from '../../config/teams-limits';

export interface LimitedConnectorOptions {
  /** Requests a second for the whole app: a token bucket holding one second's worth. */
  appRps: number;
  conversationWindows?: readonly RateWindow[];
  /** Share of requests answered 429 (Retry-After: 1) regardless of load, and 503. */
  inject429?: number;
  inject503?: number;
  /** Seeded, so two runs inject the same faults. */
  seed?: number;
}

export interface ConnectorStats {
  requests: number;
  accepted: number;
  throttledByApp: number;
  throttledByConversation: number;
  injected429: number;
  injected503: number;
  /** Messages accepted per conversation (POSTs only). */
  perConversation: Map<string, number>;
  firstAcceptedAt?: number;
  lastAcceptedAt?: number;
}

/**
 * A stand-in for the Bot Connector that behaves like Teams under load: it
 * enforces the app-wide rate and the per-conversation windows with 429 and
 * Retry-After, and injects a share of random 429s and 503s.
 */
export class LimitedConnector {
  readonly stats: ConnectorStats = {
    requests: 0,
    accepted: 0,
    throttledByApp: 0,
    throttledByConversation: 0,
    injected429: 0,
    injected503: 0,
    perConversation: new Map(),
  };
  private server?: Server;
  private tokens: number;
  private refilledAt = Date.now();
  private readonly history = new Map<string, number[]>();
  private random: () => number;
  private nextId = 1;

  constructor(private readonly opts: LimitedConnectorOptions) {
    this.tokens = opts.appRps;
    let state = opts.seed ?? 42;
    // mulberry32: small, seeded, good enough for fault injection.
    this.random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('connector not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.all('/v3/conversations/{*rest}', (req, res) => {
      const conversationId = decodeURIComponent(String(req.path.split('/')[3] ?? ''));
      const now = Date.now();
      this.stats.requests++;
      if (!this.takeAppToken(now)) {
        this.stats.throttledByApp++;
        res
          .status(429)
          .set('Retry-After', '1')
          .json({ error: { code: 'Throttled' } });
        return;
      }
      const wait = this.conversationWait(conversationId, now);
      if (wait > 0) {
        this.stats.throttledByConversation++;
        res
          .status(429)
          .set('Retry-After', String(Math.ceil(wait / 1000)))
          .json({ error: { code: 'Throttled' } });
        return;
      }
      const roll = this.random();
      if (roll < (this.opts.inject429 ?? 0)) {
        this.stats.injected429++;
        res
          .status(429)
          .set('Retry-After', '1')
          .json({ error: { code: 'Throttled' } });
        return;
      }
      if (roll < (this.opts.inject429 ?? 0) + (this.opts.inject503 ?? 0)) {
        this.stats.injected503++;
        res.status(503).json({ error: { code: 'ServiceUnavailable' } });
        return;
      }
      this.history.get(conversationId)!.push(now);
      this.stats.accepted++;
      if (req.method === 'POST') {
        this.stats.perConversation.set(
          conversationId,
          (this.stats.perConversation.get(conversationId) ?? 0) + 1,
        );
        this.stats.firstAcceptedAt ??= now;
        this.stats.lastAcceptedAt = now;
      }
      res.status(200).json({ id: `activity-${this.nextId++}` });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private takeAppToken(now: number): boolean {
    const rate = this.opts.appRps;
    this.tokens = Math.min(rate, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until this conversation may take another message (0: now). */
  private conversationWait(conversationId: string, now: number): number {
    const windows = this.opts.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS;
    const longest = Math.max(...windows.map((w) => w.ms));
    const sent = (this.history.get(conversationId) ?? []).filter((t) => t > now - longest);
    this.history.set(conversationId, sent);
    let wait = 0;
    for (const w of windows) {
      const inWindow = sent.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max]! + w.ms - now);
    }
    return wait;
  }
}
