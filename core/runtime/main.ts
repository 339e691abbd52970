import { EnvError, loadEnv } from '../../config/env';
import { PartnershipFileError } from '../../config/partnership/load';

/**
 * Runs a process entry point: configuration errors are printed plainly (every
 * bad variable or field by name) and exit 1; anything else is logged and exits 1.
 */
export function runMain(main: (env: ReturnType<typeof loadEnv>) => Promise<void>): void {
  let env;
  try {
    env = loadEnv();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  main(env).catch((e: unknown) => {
    if (e instanceof EnvError || e instanceof PartnershipFileError) process.stderr.write(`${e.message}\n`);
    else
      process.stderr.write(
        `masa-bot failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
    process.exit(1);
  });
}
