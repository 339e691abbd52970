// Jest's CommonJS loader cannot require the ES-module-only `strip-bom` that @microsoft/app-manifest
// loads (Node 20 itself can); jest.config.js maps it to this equivalent.
'use strict';
function stripBom(string) {
  if (typeof string !== 'string') throw new TypeError(`Expected a string, got ${typeof string}`);
  return string.charCodeAt(0) === 0xfeff ? string.slice(1) : string;
}
module.exports = stripBom;
module.exports.default = stripBom;
