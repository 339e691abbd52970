// The npm registry this project is built against does not serve every platform
// build of packages such as @swc/core and msgpackr-extract, so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lock file.
// This adds a platform-tagged entry for each missing optional dependency; npm ci
// skips them on other platforms. Run after `npm install`: `npm run lockfile:fix`.
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = ['darwin', 'win32', 'linux', 'freebsd', 'android'];
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x'];
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const added = [];
for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const base = name.split('/').pop();
    const os = OSES.filter((o) => base.includes(o));
    const cpu = CPUS.filter((c) => new RegExp(`(^|-)${c}($|-)`).test(base));
    lock.packages[key] = { version, optional: true, ...(meta.dev ? { dev: true } : {}), os, cpu };
    added.push(name);
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(
  added.length ? `added platform stubs: ${added.join(', ')}\n` : 'lock file already complete\n',
);
