import { createHash } from 'node:crypto';
import ts from 'typescript';

/**
 * NestJS 12 ships its packages as ES modules. Node (20.19+) lets the CommonJS app `require` them, but
 * Jest's own module loader can do so only on Node 24.9+; before that it needs them as CommonJS. This
 * transform rewrites those files for the tests only (the app runs them as they are): the imports
 * become `require`s, and `createRequire(import.meta.url)` becomes the module's own `require`, so that
 * a package loaded through it comes from Jest's registry like every other (one copy of each module).
 */
const REVISION = '1';
const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;
const CREATE_REQUIRE = /\bcreateRequire\(import\.meta\.url\)/g;
const META_URL = /\bimport\.meta\.url\b/g;

export default {
  getCacheKey(source, filename) {
    return createHash('sha256').update(REVISION).update(ts.version).update(filename).update(source).digest('hex');
  },

  process(source, filename) {
    const text = source
      .replace(OWN_REQUIRE, '')
      .replace(CREATE_REQUIRE, 'require')
      .replace(META_URL, "require('node:url').pathToFileURL(__filename).href");
    const { outputText } = ts.transpileModule(text, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    return { code: outputText };
  },
};
