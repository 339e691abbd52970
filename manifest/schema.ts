import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where @microsoft/app-manifest keeps the Teams manifest JSON schemas it ships (v1.0 ... v1.30, devPreview). */
export const BUNDLED_SCHEMA_DIR = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** The newest numbered manifest schema version bundled with the package, e.g. `1.30`. */
export function newestBundledSchemaVersion(): string {
  const versions = readdirSync(BUNDLED_SCHEMA_DIR)
    .map((d) => /^v(\d+\.\d+)$/.exec(d)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort(compareVersions);
  const newest = versions.at(-1);
  if (!newest) throw new Error(`no Teams manifest schemas found in ${BUNDLED_SCHEMA_DIR}`);
  return newest;
}

/** The bundled JSON schema for one manifest version, read from disk (no network). */
export function bundledSchema(manifestVersion: string): Record<string, unknown> {
  if (!/^\d+\.\d+$/.test(manifestVersion))
    throw new Error(`manifestVersion "${manifestVersion}" is not like 1.30`);
  const file = path.join(BUNDLED_SCHEMA_DIR, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  // Some published schemas contain the regex escape "\a", which the JSON schema validator rejects;
  // @microsoft/app-manifest's own fetchSchema applies the same replacement.
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\x07')) as Record<string, unknown>;
}
