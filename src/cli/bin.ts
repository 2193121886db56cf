import { main } from './main.js';

// `proxilion … | head`: when the reader goes away, stop quietly like any Unix filter
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

process.exitCode = await main(process.argv);
