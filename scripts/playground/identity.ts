import { createHash } from 'node:crypto';

/**
 * Deterministic identities for the Microsoft 365 Agents Playground. The
 * Playground is a local fake of Teams, so its users have no real Entra object
 * ids; instead every person in a partnership file gets a stable name-based
 * (RFC 4122 version 5) uuid, which the generated `.m365agentsplayground.yml`
 * sends as `from.aadObjectId` and which the bot can recognise.
 */

/** The namespace for every masa-bot Playground uuid (itself a fixed random v4 uuid). */
export const PLAYGROUND_NAMESPACE = '6f0b1c52-8d3e-4a57-9b6a-2c4e1f7d9a30';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 section 4.3 name-based uuid using SHA-1 (version 5). */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new Error(`not a uuid: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Playground's `aadObjectId` for a person: lower-case uuid v5 of
 * `person:<partnershipId>:<personId>` in {@link PLAYGROUND_NAMESPACE}.
 */
export function playgroundObjectId(partnershipId: string, personId: string): string {
  return uuidV5(`person:${partnershipId}:${personId}`, PLAYGROUND_NAMESPACE);
}

/** Stable uuids for the Playground's other objects (tenant, bot, team group). */
export function playgroundUuid(partnershipId: string, kind: 'tenant' | 'bot' | 'team'): string {
  return uuidV5(`${kind}:${partnershipId}`, PLAYGROUND_NAMESPACE);
}
