import { z } from 'zod';
import type { TokenCredential } from '@azure/identity';
import { GRAPH_SCOPE } from './credential';
import { mailboxGate } from './semaphore';

export interface GraphSettings {
  tenantId: string;
  clientId: string;
  /** Used when no `credential` is given. */
  clientSecret?: string;
  /** An @azure/identity credential (e.g. a certificate); when set, tokens come from it. */
  credential?: TokenCredential;
  /** e.g. https://graph.microsoft.com/v1.0 */
  baseUrl: string;
  /** e.g. https://login.microsoftonline.com */
  authorityUrl: string;
}

export interface GraphResponse {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });

/**
 * Microsoft Graph over fetch with application (client-credentials) tokens.
 * Requests scoped to one mailbox go through a per-mailbox limit of 4 in flight.
 * Failures are returned, not thrown, so callers can classify them.
 */
export class GraphClient {
  private token?: { value: string; expiresAt: number };
  constructor(private readonly settings: GraphSettings) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { mailbox?: string } = {},
  ): Promise<GraphResponse> {
    const call = async () => {
      let token: string;
      try {
        token = await this.accessToken();
      } catch {
        // Nothing was sent: a transient failure the caller may retry, like a network error.
        return { status: 0, retryAfter: null, body: null };
      }
      let res: Response;
      try {
        res = await fetch(`${this.settings.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch {
        return { status: 0, retryAfter: null, body: null };
      }
      const text = await res.text();
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
      }
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: parsed };
    };
    if (!opts.mailbox) return call();
    return mailboxGate(opts.mailbox).run(call);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    if (this.settings.credential) {
      const t = await this.settings.credential.getToken(GRAPH_SCOPE);
      if (!t) throw new Error('Graph credential returned no token');
      this.token = { value: t.token, expiresAt: t.expiresOnTimestamp };
      return t.token;
    }
    const res = await fetch(`${this.settings.authorityUrl}/${this.settings.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret ?? '',
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const parsed = tokenResponse.safeParse(await res.json().catch(() => null));
    if (!res.ok || !parsed.success) throw new Error(`Graph token request failed (HTTP ${res.status})`);
    this.token = { value: parsed.data.access_token, expiresAt: Date.now() + parsed.data.expires_in * 1000 };
    return this.token.value;
  }
}
