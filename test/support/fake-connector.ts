import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the Bot Connector service: records every activity the bot
 * sends and answers like the real one. `respond` can inject failures.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /**
   * Injects an answer for a call: a failure (not recorded, as the real service would not have
   * delivered it), or 'hang': recorded as delivered, but never answered (the sender dies waiting).
   */
  respond: (
    call: ConnectorCall,
  ) => { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | undefined = () =>
    undefined;
  private server?: Server;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private nextId = 1;

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake connector not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.all('/v3/conversations/{*rest}', (req, res) => {
      const conversationId = decodeURIComponent(String(req.path.split('/')[3] ?? ''));
      const call: ConnectorCall = {
        method: req.method,
        path: req.path,
        conversationId,
        body: req.body ?? {},
      };
      const injected = this.respond(call);
      if (injected === 'hang') {
        this.record(call);
        return;
      }
      if (injected) {
        res
          .status(injected.status)
          .set(injected.headers ?? {})
          .json(injected.body ?? {});
        return;
      }
      this.record(call);
      res.status(200).json({ id: `activity-${this.nextId++}` });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
  }

  private record(call: ConnectorCall): void {
    this.calls.push(call);
    this.waiters = this.waiters.filter((w) => {
      if (this.calls.length >= w.count) w.resolve();
      return this.calls.length < w.count;
    });
  }

  /** Resolves once at least `count` activities have arrived. */
  waitForCalls(count: number, timeoutMs = 10_000): Promise<ConnectorCall[]> {
    if (this.calls.length >= count) return Promise.resolve(this.calls);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} connector calls, got ${this.calls.length}`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.calls);
        },
      });
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
