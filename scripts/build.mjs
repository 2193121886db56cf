// Bundles the CLI and the library entry with esbuild. Packages stay external: they are installed
// beside dist/, and the shell grammar's .wasm files are read from them at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
  packages: 'external',
  sourcemap: 'linked',
  banner,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});
