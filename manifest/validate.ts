import { ManifestUtil } from '@microsoft/app-manifest';
import { MAX_COMMANDS_PER_LIST, MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from './commands';
import type { TeamsManifest } from './build-manifest';
import { bundledSchema } from './schema';

/** Rules Teams enforces on upload that the JSON schema does not express. */
function teamsRules(manifest: TeamsManifest): string[] {
  const problems: string[] = [];
  manifest.bots?.forEach((bot, b) => {
    const scopesSeen = new Set<string>();
    bot.commandLists?.forEach((list, l) => {
      const at = `/bots/${b}/commandLists/${l}`;
      if (list.commands.length > MAX_COMMANDS_PER_LIST)
        problems.push(
          `${at}/commands has ${list.commands.length} commands; Teams allows ${MAX_COMMANDS_PER_LIST}`,
        );
      list.commands.forEach((c, i) => {
        if (c.title.length > MAX_TITLE_LENGTH)
          problems.push(`${at}/commands/${i}/title is longer than ${MAX_TITLE_LENGTH} characters`);
        if ((c.description?.length ?? 0) > MAX_DESCRIPTION_LENGTH)
          problems.push(
            `${at}/commands/${i}/description is longer than ${MAX_DESCRIPTION_LENGTH} characters`,
          );
      });
      for (const scope of list.scopes) {
        if (scopesSeen.has(scope)) problems.push(`${at}: scope "${scope}" already has a command list`);
        scopesSeen.add(scope);
      }
    });
    if (manifest.webApplicationInfo && manifest.webApplicationInfo.id !== bot.botId)
      problems.push(`/webApplicationInfo/id should be the bot's app id ${bot.botId}`);
  });
  for (const domain of manifest.validDomains ?? [])
    if (/^[a-z]+:\/\/|\/|^\*$/i.test(domain))
      problems.push(`/validDomains: "${domain}" must be a host name only`);
  return problems;
}

/**
 * Every problem with a manifest: the bundled JSON schema of its manifestVersion
 * (offline, with @microsoft/app-manifest's validator) and the Teams rules above.
 */
export async function validateManifest(manifest: TeamsManifest): Promise<string[]> {
  const schema = bundledSchema(manifest.manifestVersion);
  type Schema = Parameters<typeof ManifestUtil.validateManifestAgainstSchema<TeamsManifest>>[1];
  const schemaProblems = await ManifestUtil.validateManifestAgainstSchema(manifest, schema as Schema);
  return [...schemaProblems, ...teamsRules(manifest)];
}
