import { COMPLETION_SCRIPTS } from './completion-gen.js';
import { EXIT } from './exit.js';
import { buildProgram } from './main.js';

/** `proxilion completion <shell>`: the script generated from the same program the user runs. */
export function runCompletion(shell: string): number {
  const generate = COMPLETION_SCRIPTS[shell as keyof typeof COMPLETION_SCRIPTS];
  if (!generate) {
    process.stderr.write(`proxilion: no completion for shell "${shell}"; choose one of ${Object.keys(COMPLETION_SCRIPTS).join(', ')}\n`);
    return EXIT.usage;
  }
  process.stdout.write(generate(buildProgram()));
  return EXIT.allow;
}
