// Jest transform for node_modules: compiles a file to CommonJS with SWC only when it is an ES module
// (NestJS 12, meilisearch, nodemailer, … ship only ESM); CommonJS files (typeorm, rxjs, pg, …) pass
// through as they are. Transforming every file of node_modules took most of a cold unit run.
const { createTransformer } = require('@swc/jest');

const swc = createTransformer({ swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } });
// a line that starts with import or export (statements, not `import(` calls)
const ESM_SYNTAX = /^\s*(import(\s+[\w{*'"]|\s*[{*'"])|export(\s+[\w{*]|\s*[{*]))/m;

const isModule = (src, filename) => filename.endsWith('.mjs') || ESM_SYNTAX.test(src);

module.exports = {
  canInstrument: false,
  getCacheKey: (src, filename, options) => `${isModule(src, filename) ? 'esm' : 'cjs'}:${swc.getCacheKey(src, filename, options)}`,
  process: (src, filename, options) => (isModule(src, filename) ? swc.process(src, filename, options) : { code: src }),
};
