import { z } from 'zod';
import { loadPartnershipFile } from '../config/partnership/load';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestSettings } from './build-manifest';

/** The version in package.json, the default app version. */
function packageVersion(): string {
  const pkg = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')));
  return pkg.version;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const httpsUrl = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        return new URL(v).protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'expected an https:// address (Teams only talks to bots over https)' },
  );

/** The environment `npm run package` reads; everything else comes from the partnership file and the catalog. */
export const packageEnvSchema = z.object({
  MICROSOFT_APP_ID: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "is required: the bot's Microsoft app id from its Azure Bot registration" })
      .trim()
      .regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'expected a GUID such as 3f2b…-…'),
  ),
  PUBLIC_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "is required: the bot's public https address, e.g. https://masa.example.org" })
      .pipe(httpsUrl),
  ),
  PARTNERSHIP: z.preprocess(blankToUndefined, z.string().min(1).default('wakefield')),
  APP_VERSION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^\d+\.\d+\.\d+$/,
        'expected a version like 1.2.3 (raise it for every update of the app in Teams)',
      )
      .default(packageVersion),
  ),
  APP_WEBSITE_URL: z.preprocess(blankToUndefined, httpsUrl.optional()),
  APP_PRIVACY_URL: z.preprocess(blankToUndefined, httpsUrl.optional()),
  APP_TERMS_URL: z.preprocess(blankToUndefined, httpsUrl.optional()),
});

export class PackageEnvError extends Error {
  readonly code = 'PACKAGE_ENV_INVALID';
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Reads the package settings from an environment; throws PackageEnvError naming every bad variable. */
export function packageSettingsFromEnv(env: Record<string, string | undefined>): {
  settings: ManifestSettings;
  partnershipId: string;
} {
  const parsed = packageEnvSchema.safeParse(env);
  if (!parsed.success)
    throw new PackageEnvError(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`),
    );
  const e = parsed.data;
  const partnership = loadPartnershipFile(e.PARTNERSHIP);
  return {
    partnershipId: partnership.id,
    settings: {
      appId: e.MICROSOFT_APP_ID.toLowerCase(),
      publicBaseUrl: e.PUBLIC_BASE_URL,
      version: e.APP_VERSION,
      partnership: { name: partnership.name, shortName: partnership.shortName },
      websiteUrl: e.APP_WEBSITE_URL,
      privacyUrl: e.APP_PRIVACY_URL,
      termsOfUseUrl: e.APP_TERMS_URL,
    },
  };
}
