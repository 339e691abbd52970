import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';
import type { GraphResponse } from './client';
import { GRAPH_SCOPE } from './credential';
import { mailboxGate } from './semaphore';

export interface GraphTransportSettings {
  credential: TokenCredential;
  /** e.g. https://graph.microsoft.com/v1.0 (the local fake: http://127.0.0.1:<port>/v1.0). */
  baseUrl: string;
  /** Retries of 429, 503 and 504 inside one call, waiting as Retry-After says. */
  maxRetries: number;
}

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One Graph call; failures are returned (status 0 when nothing came back), never thrown. */
export type GraphTransport = (
  method: GraphMethod,
  path: string,
  body: unknown,
  opts: { mailbox: string; headers?: Record<string, string> },
) => Promise<GraphResponse>;

/**
 * Graph through the official client: tokens from the @azure/identity credential
 * (TokenCredentialAuthenticationProvider), 429/503/504 retried honouring
 * Retry-After (RetryHandler), and at most 4 requests in flight per mailbox.
 */
export function graphSdkTransport(s: GraphTransportSettings): GraphTransport {
  const base = new URL(s.baseUrl);
  const version = base.pathname.replace(/^\/+|\/+$/g, '');
  const auth = new AuthenticationHandler(
    new TokenCredentialAuthenticationProvider(s.credential, { scopes: [GRAPH_SCOPE] }),
  );
  const retry = new RetryHandler(new RetryHandlerOptions(1, s.maxRetries));
  auth.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  const customHosts =
    base.protocol === 'https:' && base.hostname !== 'graph.microsoft.com' ? new Set([base.host]) : undefined;
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl: base.origin,
    defaultVersion: version,
    customHosts,
  });

  return (method, path, body, opts) =>
    mailboxGate(opts.mailbox).run(async () => {
      let req = client
        .api(path)
        .responseType(ResponseType.RAW)
        .middlewareOptions([new RetryHandlerOptions(1, s.maxRetries)]);
      for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.header(k, v);
      let res: unknown;
      try {
        if (method === 'GET') res = await req.get();
        else if (method === 'POST') res = await req.post(body ?? {});
        else if (method === 'PATCH') res = await req.patch(body ?? {});
        else res = await req.delete();
      } catch {
        // Network failure or no token: nothing reached Graph's answer, the caller may retry.
        return { status: 0, retryAfter: null, body: null };
      }
      if (!(res instanceof Response)) return { status: 0, retryAfter: null, body: null };
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
    });
}
