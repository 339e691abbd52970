import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { COMMANDS, type CommandSpec } from '../core/commands/catalog';
import { commandLists } from './commands';
import { ACCENT } from './icons/draw';
import template from './manifest.template.json';

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

/** What differs between one partnership's app package and another's. */
export interface ManifestSettings {
  /** The bot's Microsoft (Entra) app id: the manifest id, the bot id and webApplicationInfo.id. */
  appId: string;
  /** The bot's public https address (its host becomes the valid domain). */
  publicBaseUrl: string;
  /** The app version, x.y.z; Teams needs a higher one for each update of an uploaded app. */
  version: string;
  partnership: { name: string; shortName: string };
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

const NAME_SHORT_MAX = 30;
const NAME_FULL_MAX = 100;
const DEVELOPER_NAME_MAX = 32;

function fill(value: unknown, fields: Record<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
      const v = fields[key];
      if (v === undefined) throw new Error(`manifest template uses unknown field {{${key}}}`);
      return v;
    });
  if (Array.isArray(value)) return value.map((v) => fill(v, fields));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, fields)]));
  return value;
}

function clip(text: string, max: number, fallback: string): string {
  return text.length <= max ? text : fallback.slice(0, max);
}

/**
 * The manifest for one partnership: manifest.template.json with the app id,
 * domain, version and names filled in, and the command lists from the command
 * catalog. Validate it with `validateManifest` before packaging.
 */
export function buildManifest(
  settings: ManifestSettings,
  catalog: readonly CommandSpec[] = COMMANDS,
): TeamsManifest {
  const base = new URL(settings.publicBaseUrl);
  const website = settings.websiteUrl ?? base.origin;
  const { name, shortName } = settings.partnership;
  const fields: Record<string, string> = {
    appId: settings.appId,
    version: settings.version,
    domain: base.host,
    developerName: clip(shortName, DEVELOPER_NAME_MAX, shortName),
    websiteUrl: website,
    privacyUrl: settings.privacyUrl ?? website,
    termsOfUseUrl: settings.termsOfUseUrl ?? website,
    shortName: clip(`${shortName} assistant`, NAME_SHORT_MAX, shortName),
    fullName: clip(`${name} assistant`, NAME_FULL_MAX, `${shortName} safeguarding assistant`),
    accentColor: ACCENT,
  };
  const manifest = fill(template, fields) as TeamsManifest;
  for (const bot of manifest.bots ?? []) bot.commandLists = commandLists(catalog);
  return manifest;
}
