import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { CommandSpec } from '../core/commands/catalog';
import { COMMANDS } from '../core/commands/catalog';
import { buildManifest, type ManifestSettings, type TeamsManifest } from './build-manifest';
import { ICON_FILES } from './icons/write-icons';
import { validateManifest } from './validate';

export const BUILD_DIR = path.join(__dirname, 'build');

/** A fixed timestamp for the zip entries, so the same inputs give the same bytes. */
const ENTRY_DATE = new Date('2026-01-01T00:00:00Z');

export class ManifestInvalidError extends Error {
  readonly code = 'MANIFEST_INVALID';
  constructor(readonly problems: string[]) {
    super(`The Teams app manifest is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export interface AppPackage {
  manifest: TeamsManifest;
  zip: Buffer;
}

/** Builds and validates the manifest, then zips it with the two icons (the files Teams expects at the root). */
export async function buildAppPackage(
  settings: ManifestSettings,
  catalog: readonly CommandSpec[] = COMMANDS,
): Promise<AppPackage> {
  const manifest = buildManifest(settings, catalog);
  const problems = await validateManifest(manifest);
  if (problems.length > 0) throw new ManifestInvalidError(problems);
  const zip = new JSZip();
  const options = { date: ENTRY_DATE };
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, options);
  zip.file(manifest.icons.color, readFileSync(ICON_FILES.color), options);
  zip.file(manifest.icons.outline, readFileSync(ICON_FILES.outline), options);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  return { manifest, zip: bytes };
}

/** Writes the zip and the manifest beside it (for reading) into `dir`; returns the zip's path. */
export function writeAppPackage(pkg: AppPackage, fileStem: string, dir = BUILD_DIR): string {
  mkdirSync(dir, { recursive: true });
  const zipPath = path.join(dir, `${fileStem}.zip`);
  writeFileSync(zipPath, pkg.zip);
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(pkg.manifest, null, 2)}\n`);
  return zipPath;
}
