import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphCredentialSettings {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** PEM file with the certificate and its private key; preferred over a secret when both are set. */
  certificatePath?: string;
  /** The Entra authority host, e.g. https://login.microsoftonline.com (MSAL requires https). */
  authorityUrl: string;
}

/**
 * The app's client-credentials identity for Graph, from @azure/identity: a
 * certificate when one is configured, else the client secret. Tokens are cached
 * and renewed by MSAL.
 */
export function graphCredential(s: GraphCredentialSettings): TokenCredential {
  const options = { authorityHost: s.authorityUrl };
  if (s.certificatePath) {
    return new ClientCertificateCredential(
      s.tenantId,
      s.clientId,
      { certificatePath: s.certificatePath },
      options,
    );
  }
  if (s.clientSecret) return new ClientSecretCredential(s.tenantId, s.clientId, s.clientSecret, options);
  throw new Error('Graph needs a client secret or a certificate');
}

/** A fixed token, for the local fake Graph (which accepts any bearer token). */
export function staticCredential(token: string): TokenCredential {
  return {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
}
