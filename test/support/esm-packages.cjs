// Which installed packages may hold ES modules: those whose package.json says "type": "module".
// Jest transforms only their files (and any .mjs file); every other file under node_modules is
// CommonJS and is loaded as it is, without a transform or a cache file of its own. Writing one
// cache file for each of ~3,000 CommonJS files took about half of a cold unit run.
const fs = require('node:fs');
const path = require('node:path');

/**
 * Installed packages (paths under node_modules, nested ones included) that declare "type": "module";
 * null when npm's record of what it installed is missing (node_modules made by another tool).
 */
function esmPackages(rootDir) {
  const record = path.join(rootDir, 'node_modules/.package-lock.json');
  if (!fs.existsSync(record)) return null;
  const lock = JSON.parse(fs.readFileSync(record, 'utf8'));
  const names = new Set();
  for (const location of Object.keys(lock.packages)) {
    if (!location.startsWith('node_modules/')) continue;
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(rootDir, location, 'package.json'), 'utf8'));
      if (manifest.type === 'module') names.add(location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));
    } catch {
      // an optional dependency for another platform is in the lock file but not installed
    }
  }
  return [...names].sort();
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A transformIgnorePatterns entry: a file under node_modules whose innermost package is not an
 * ES module package, unless it is a .mjs file. Without npm's record it ignores nothing (slower: the
 * transform then tells ES modules from CommonJS file by file).
 */
function ignoreCommonJs(rootDir) {
  const esm = esmPackages(rootDir);
  if (!esm) return '^$';
  return `/node_modules/(?!(?:${esm.map(escape).join('|')})/)(?:@[^/]+/)?[^/]+(?:(?!/node_modules/).)*(?<!\\.mjs)$`;
}

module.exports = { esmPackages, ignoreCommonJs };
