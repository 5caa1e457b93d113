// @ts-check
'use strict';

/**
 * Lets a plain `node` process (a benchmark worker) load the project's TypeScript test helpers:
 * each .ts file is transpiled to CommonJS on require, without type checking (`npm run typecheck`
 * does that). Jest does the same through ts-jest; the workers run outside Jest so that each
 * measures one variant in a fresh process.
 */
const fs = require('fs');
const ts = require('typescript');

/** @type {import('typescript').CompilerOptions} */
const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	sourceMap: false,
};

// `require.extensions` is deprecated for libraries, and still how Node loads a source type itself.
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	/** @type {any} */ (module)._compile(outputText, filename);
};
