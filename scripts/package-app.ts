import path from 'node:path';
import { PartnershipFileError } from '../config/partnership/load';
import { buildAppPackage, ManifestInvalidError, writeAppPackage } from '../manifest/app-package';
import { PackageEnvError, packageSettingsFromEnv } from '../manifest/package-env';

/**
 * `npm run package`: builds the Teams app package for the partnership named by
 * PARTNERSHIP, with the app id (MICROSOFT_APP_ID), domain (PUBLIC_BASE_URL) and
 * version (APP_VERSION, else package.json's) from the environment, validates the
 * manifest offline against the bundled schema, and writes manifest/build/<name>.zip.
 */
async function main(): Promise<void> {
  const { settings, partnershipId } = packageSettingsFromEnv(process.env);
  const pkg = await buildAppPackage(settings);
  const zipPath = writeAppPackage(pkg, `masa-bot-${partnershipId}-${settings.version}`);
  const commands = pkg.manifest.bots?.[0]?.commandLists?.[0]?.commands.map((c) => c.title) ?? [];
  process.stdout.write(
    [
      `wrote ${path.relative(process.cwd(), zipPath)}`,
      `  manifest ${pkg.manifest.manifestVersion}, app ${pkg.manifest.id}, version ${pkg.manifest.version}`,
      `  valid domain ${pkg.manifest.validDomains?.join(', ')}`,
      `  commands: ${commands.join(', ')}`,
      '',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  if (e instanceof PackageEnvError || e instanceof ManifestInvalidError || e instanceof PartnershipFileError)
    process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
