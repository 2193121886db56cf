// Bundles the CLI and the library entry with esbuild. Packages stay external: they are installed
// beside dist/, and the shell grammar's .wasm files are read from them at run time. zod is the
// exception: bundled and tree-shaken, `zod/mini` costs ~1 ms at start instead of ~45 ms.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const { version, dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  define: { __PROXILION_VERSION__: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => name !== 'zod'),
  sourcemap: 'linked',
  banner: { js: "import { createRequire as __pxCreateRequire } from 'node:module'; const require = __pxCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
};

const main = await build({
  ...common,
  entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts', 'hook-in-process': 'src/integrations/in-process.ts', 'scan-worker': 'src/scan/worker.ts' },
  outdir: 'dist',
  splitting: true,
  // .tsx (the ink views) compiles to react/jsx-runtime calls, as tsconfig's react-jsx type-checks it
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
});

// The hooks' fast path (bin/proxilion → dist/hook.js) is one file: each extra ES module costs its own
// resolution and compile on every agent call. Deciding in-process loads the engine from the shared
// chunks, through dist/hook-in-process.js.
const hook = await build({
  ...common,
  entryPoints: { hook: 'src/cli/hook-fast.ts' },
  outdir: 'dist',
  plugins: [{
    name: 'in-process-from-shared-chunks',
    setup(b) {
      b.onResolve({ filter: /\/in-process\.js$/ }, () => ({ path: './hook-in-process.js', external: true }));
    },
  }],
});

// Type declarations for the package's programmatic API (ProxilionClient, the engine), one .d.ts per
// module that src/index.ts reaches, listed so the clean-up below keeps them.
const tsc = spawnSync(process.execPath, [fileURLToPath(new URL('bin/tsc', import.meta.resolve('typescript/package.json'))), '-p', 'tsconfig.types.json', '--listEmittedFiles'], { encoding: 'utf8' });
if (tsc.status !== 0) {
  process.stderr.write(tsc.stdout + tsc.stderr);
  process.exit(tsc.status ?? 1);
}
const declarations = [...tsc.stdout.matchAll(/^TSFILE: (.+)$/gm)].map((m) => relative('dist', m[1]));

// Chunk names carry content hashes, so every build would leave the previous one's files behind. They
// are removed after the new ones are written, never before: a running proxilion keeps working.
const built = new Set([...[...Object.keys(main.metafile.outputs), ...Object.keys(hook.metafile.outputs)].map((f) => relative('dist', f)), ...declarations]);
for (const entry of readdirSync('dist', { recursive: true, withFileTypes: true })) {
  const file = relative('dist', join(entry.parentPath, entry.name));
  if (entry.isFile() && !built.has(file)) rmSync(join('dist', file));
}
