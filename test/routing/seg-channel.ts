import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { presetWithObjectIds } from '../support/partnership-file';

/** Wakefield (with Entra object ids) in which SEG has the Teams channel `channelId`; returns the file's path. */
export function wakefieldWithSegChannel(channelId: string): string {
  const file = presetWithObjectIds('wakefield');
  const doc = parse(readFileSync(file, 'utf8')) as {
    subgroups: Array<{ id: string; teamsChannel?: { teamId: string; channelId: string } }>;
  };
  doc.subgroups.find((g) => g.id === 'SEG')!.teamsChannel = { teamId: '19:seg-team@thread.tacv2', channelId };
  const name = channelId.replace(/[^A-Za-z0-9-]+/g, '-');
  const out = path.join(path.dirname(file), `wakefield-seg-channel-${name}.yaml`);
  writeFileSync(out, stringify(doc));
  return out;
}
