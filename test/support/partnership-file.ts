import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { resolvePartnershipFile } from '../../config/partnership/load';

export function objectIdFor(personId: string): string {
  const h = createHash('sha1').update(`test:${personId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A copy of a preset in which every person has an Entra object id, as a real tenant's file would. */
export const TEST_TENANT_ID = '0b0b0b0b-1111-4222-8333-444444444444';

export function presetWithObjectIds(
  name = 'wakefield',
  opts: { microsoft?: { tenantId?: string; senderMailbox?: string; organiserMailbox?: string } } = {},
): string {
  const doc = parse(readFileSync(resolvePartnershipFile(name), 'utf8')) as {
    people: Array<{ id: string; entraObjectId?: string }>;
    microsoft?: Record<string, string>;
  };
  for (const person of doc.people) person.entraObjectId = objectIdFor(person.id);
  if (opts.microsoft) doc.microsoft = { ...doc.microsoft, ...opts.microsoft };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'masa-partnership-')), `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}
