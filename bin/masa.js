#!/usr/bin/env node
// Runs the TypeScript CLI directly, so `npx masa ...` works after `npm ci` with no build step.
require('tsx/cjs');
require('../cli/masa.ts')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
