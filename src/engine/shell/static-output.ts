import type { NormalizationStep, SimpleCommand } from './types.js';
import { decodeEscapes } from './escapes.js';
import { decodeBase32, decodeBase64, decodeHex, printf, reverseLines, translate } from './decoders.js';

export type StepFn = (kind: NormalizationStep['kind'], detail: string) => void;

/** stdout of the few commands whose output follows from their argv and stdin. */
export function staticOutput(cmd: SimpleCommand, step: StepFn): string | undefined {
  const { name, argv, dynamic } = cmd;
  const anyDynamic = dynamic.some((d, i) => d && i > 0);
  switch (name) {
    case 'echo': {
      if (anyDynamic) return undefined;
      let i = 1;
      let escapes = false;
      let newline = true;
      while (i < argv.length && /^-[neE]+$/.test(argv[i]!)) {
        if (argv[i]!.includes('e')) escapes = true;
        if (argv[i]!.includes('n')) newline = false;
        i++;
      }
      const text = argv.slice(i).join(' ');
      return (escapes ? decodeEscapes(text, 'echo') : text) + (newline ? '\n' : '');
    }
    case 'printf': {
      if (anyDynamic) return undefined;
      let args = argv.slice(1);
      if (args[0] === '-v') return undefined;
      if (args[0] === '--') args = args.slice(1);
      if (args.length === 0) return undefined;
      const out = printf(args[0]!, args.slice(1));
      if (out !== args[0]) step('printf', `printf ${args.join(' ')} → ${out}`);
      return out;
    }
    case 'cat':
    case 'tee':
      return argv.slice(1).some((a) => !a.startsWith('-') || a === '-') && name === 'cat' ? undefined : cmd.stdin;
    case 'base64':
    case 'base32':
    case 'basenc': {
      if (!argv.some((a) => a === '--decode' || /^-[a-zA-Z]*[dD][a-zA-Z]*$/.test(a))) return undefined;
      if (cmd.stdin === undefined || argv.slice(1).some((a) => !a.startsWith('-'))) return undefined;
      const dec = name === 'base32' || argv.includes('--base32') ? decodeBase32(cmd.stdin) : decodeBase64(cmd.stdin);
      if (dec !== undefined) step('decode-base64', `${name} -d → ${dec}`);
      return dec;
    }
    case 'openssl': {
      const isB64 = argv[1] === 'base64' || (argv[1] === 'enc' && (argv.includes('-base64') || argv.includes('-a')));
      if (!isB64 || !argv.includes('-d') || cmd.stdin === undefined || argv.includes('-in')) return undefined;
      const dec = decodeBase64(cmd.stdin);
      if (dec !== undefined) step('decode-base64', `openssl base64 -d → ${dec}`);
      return dec;
    }
    case 'xxd': {
      const flags = argv.slice(1).join('');
      if (!flags.includes('r') || cmd.stdin === undefined) return undefined;
      const dec = decodeHex(cmd.stdin);
      if (dec !== undefined) step('decode-hex', `xxd -r → ${dec}`);
      return dec;
    }
    case 'rev':
      if (cmd.stdin === undefined || argv.length > 1) return undefined;
      step('decode-rev', `rev → ${reverseLines(cmd.stdin.replace(/\n$/, ''))}`);
      return reverseLines(cmd.stdin.replace(/\n$/, '')) + '\n';
    case 'tr': {
      const sets = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (cmd.stdin === undefined || sets.length !== 2 || argv.slice(1).some((a) => a.startsWith('-'))) return undefined;
      return translate(cmd.stdin, sets[0]!, sets[1]!);
    }
    default:
      return undefined;
  }
}
