// Bundles the CLI and the library entry with esbuild. Packages stay external: they are installed
// beside dist/, and the shell grammar's .wasm files are read from them at run time. zod is the
// exception: bundled and tree-shaken, `zod/mini` costs ~1 ms at start instead of ~45 ms.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version, dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const banner = { js: "import { createRequire as __pxCreateRequire } from 'node:module'; const require = __pxCreateRequire(import.meta.url);" };

await build({
  entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts' },
  define: { __PROXILION_VERSION__: JSON.stringify(version) },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // .tsx (the ink views) compiles to react/jsx-runtime calls, as tsconfig's react-jsx type-checks it
  jsx: 'automatic',
  external: Object.keys(dependencies).filter((name) => name !== 'zod'),
  sourcemap: 'linked',
  banner,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});
