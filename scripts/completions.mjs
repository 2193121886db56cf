// Regenerates completions/ from the built CLI (`npm run completions` builds it first), so the
// checked-in scripts are exactly what `proxilion completion <shell>` prints.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const bin = fileURLToPath(new URL('bin/proxilion', root));
const FILES = { bash: 'proxilion.bash', zsh: '_proxilion', fish: 'proxilion.fish' };

mkdirSync(new URL('completions/', root), { recursive: true });
for (const [shell, file] of Object.entries(FILES)) {
  const script = execFileSync(process.execPath, [bin, 'completion', shell], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  writeFileSync(new URL(`completions/${file}`, root), script);
  process.stdout.write(`completions/${file}\n`);
}
