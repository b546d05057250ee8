// The export worker thread's entry. A build runs export.worker.js beside this file; the TypeScript
// sources (Jest's in-process servers) have no such file, so they are compiled on the fly with
// @swc/core, the way Jest compiles them (same options, @app/* mapped to libs/*/src/index.ts).
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const built = join(__dirname, 'export.worker.js');
if (existsSync(built)) {
  require(built);
} else {
  const swc = require('@swc/core');
  const Module = require('node:module');
  const root = resolve(__dirname, '..', '..', '..', '..');
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const lib = /^@app\/([a-z-]+)$/.exec(request);
    return resolveFilename.call(this, lib ? join(root, 'libs', lib[1], 'src', 'index.ts') : request, ...rest);
  };
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      swcrc: false,
      sourceMaps: 'inline',
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
  require(join(__dirname, 'export.worker.ts'));
}
