import type { NormalizationStep, SimpleCommand } from './types.js';
import { decodeEscapes } from './escapes.js';
import { decodeBase32, decodeBase58, decodeBase64, decodeBase64Compressed, decodeHex, deleteChars, printf, reverseLines, translate } from './decoders.js';
import { unmaskedCode } from './code-unmask.js';
import { readSedScript } from './sed-script.js';

/** Python code that only prints one string (its imports aside), as unmasking writes it: a JSON-quoted literal. */
const PRINTS_LITERAL = /^\s*(?:import [\w., ]{1,200};\s*)?print\(\s*("(?:[^"\\\n]|\\.){0,16384}")\s*\)\s*;?\s*$/;

export type StepFn = (kind: NormalizationStep['kind'], detail: string) => void;

/** stdout of the few commands whose output follows from their argv and stdin. */
export function staticOutput(cmd: SimpleCommand, step: StepFn): string | undefined {
  const { name, argv, dynamic } = cmd;
  const anyDynamic = dynamic.some((d, i) => d && i > 0);
  switch (name) {
    // print nothing: `` d`:`d `` is `dd`
    case ':':
    case 'true':
    case 'false':
      return cmd.stdin === undefined && cmd.redirects.length === 0 ? '' : undefined;
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
      if (!decodesBase64(argv) || cmd.stdin === undefined || operandsGiven(argv)) return undefined;
      const dec = name === 'base32' || argv.includes('--base32') ? decodeBase32(cmd.stdin) : decodeBase64(cmd.stdin);
      if (dec !== undefined) step('decode-base64', `${name} -d → ${dec}`);
      return dec;
    }
    case 'base58': {
      if (!decodesBase64(argv) || cmd.stdin === undefined || operandsGiven(argv)) return undefined;
      const dec = decodeBase58(cmd.stdin);
      if (dec !== undefined) step('decode-base64', `base58 -d → ${dec}`);
      return dec;
    }
    // jq printing a string literal, decoded by its own @base64d: `jq -rn '"Y3Vy…"|@base64d'`
    case 'jq': {
      const program = argv.slice(1).filter((w) => !w.startsWith('-'));
      if (anyDynamic || program.length !== 1 || !argv.some((w) => /^-[a-zA-Z]*n[a-zA-Z]*$/.test(w) || w === '--null-input')) return undefined;
      const m = /^\s{0,8}"([A-Za-z0-9+/=]{1,65536})"\s{0,8}\|\s{0,8}@base64d\s{0,8}$/.exec(program[0]!);
      const dec = m ? decodeBase64(m[1]!) : undefined;
      if (dec !== undefined) step('decode-base64', `jq @base64d → ${dec}`);
      return dec === undefined ? undefined : dec + '\n';
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
    case 'gunzip':
    case 'zcat':
    case 'gzip':
    case 'brotli': {
      // what the decoder before it produced is bytes, not text: decode and inflate in one step
      const format = name === 'brotli' ? 'brotli' : 'gzip';
      if ((name === 'gzip' || name === 'brotli') && !argv.some((a) => a === '--decompress' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(a))) return undefined;
      const from = cmd.pipeFrom;
      if (cmd.stdin !== undefined || operandsGiven(argv) || from?.name !== 'base64' || !decodesBase64(from.argv) || from.stdin === undefined || operandsGiven(from.argv)) return undefined;
      const dec = decodeBase64Compressed(from.stdin, format);
      if (dec !== undefined) step('decode-base64', `base64 -d | ${name} → ${dec}`);
      return dec;
    }
    // path and text cutters, pure functions of their words and input: `$(basename /x/bash)`, `$(head -c2 <<<shell)`
    case 'basename':
    case 'dirname': {
      const ops = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (anyDynamic || ops.length !== 1 || argv.length !== 2) return undefined;
      const p = ops[0]!.replace(/\/+$/, '') || '/';
      const slash = p.lastIndexOf('/');
      return (name === 'basename' ? p.slice(slash + 1) : slash > 0 ? p.slice(0, slash) : slash === 0 ? '/' : '.') + '\n';
    }
    case 'head': {
      if (cmd.stdin === undefined || anyDynamic || argv.length !== 2) return undefined;
      const m = /^-(c|n)(\d{1,6})$/.exec(argv[1]!);
      if (!m) return undefined;
      const n = Number(m[2]);
      return m[1] === 'c' ? cmd.stdin.slice(0, n) : cmd.stdin.split('\n').slice(0, n).join('\n') + '\n';
    }
    case 'rev': {
      // its input piped, or given as a here-string (`rev<<<'lctlanruoj'`)
      const input = cmd.stdin ?? cmd.redirects.find((r) => r.op === '<<<' && !r.dynamic)?.target;
      if (input === undefined || argv.length > 1) return undefined;
      step('decode-rev', `rev → ${reverseLines(input.replace(/\n$/, ''))}`);
      return reverseLines(input.replace(/\n$/, '')) + '\n';
    }
    // a Python one-liner that decodes its own argument and prints it: `python3 -c '…print(base64.b64decode(sys.argv[1]).decode())' <b64>`
    case 'python': case 'python3': {
      // Python's own codec as a command: `python3 -m base64 -d`
      if (argv[1] === '-m' && argv[2] === 'base64' && argv[3] === '-d' && argv.length === 4 && cmd.stdin !== undefined) {
        const dec = decodeBase64(cmd.stdin);
        if (dec !== undefined) step('decode-base64', `python -m base64 -d → ${dec}`);
        return dec;
      }
      const code = argv[1] === '-c' ? (argv[2] ?? '').slice(0, 512) : '';
      // or prints a string it decodes itself: `python3 -c 'import base64;print(base64.b64decode("…").decode())'`
      const printed = argv.length === 3 ? PRINTS_LITERAL.exec(unmaskedCode(argv[2]!.slice(0, 65536), 'python') ?? '') : null;
      if (printed) {
        const text = JSON.parse(printed[1]!) as string;
        step('interpreter', `python prints ${text}`);
        return `${text}\n`;
      }
      if (!/\bb64decode\(\s*sys\.argv\[1\]\s*\)/.test(code) || !/\b(?:print|sys\.stdout\.write)\(/.test(code) || argv.length !== 4 || dynamic[3]) return undefined;
      const dec = decodeBase64(argv[3]!);
      if (dec !== undefined) step('decode-base64', `python base64 decoder → ${dec}`);
      return dec;
    }
    // a BEGIN block that only prints literals, character codes among them (`awk 'BEGIN{printf "%c%c", 105, 100}'`)
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk': {
      if (anyDynamic || argv.length !== 2) return undefined;
      const out = awkBeginPrintf(argv[1]!);
      if (out !== undefined) step('printf', `awk printf → ${out}`);
      return out;
    }
    // the Perl hex decoder of droppers: `perl -pe 's/(..)/chr(hex($1))/ge'`
    case 'perl': {
      // and its one-line printer of hex: `perl -e 'print pack("H*","6375726c…")'`
      const code = argv.length === 3 && argv[1] === '-e' ? argv[2]!.trim() : '';
      const packed = /^print\s{0,8}\(?\s{0,8}pack\s{0,8}\(\s{0,8}(["'])H\*\1\s{0,8},\s{0,8}(["'])([0-9a-fA-F]{2,16384})\2/.exec(code);
      if (packed && /^[\s);]*$/.test(code.slice(packed[0].length))) {
        const dec = decodeHex(packed[3]!);
        if (dec !== undefined) step('decode-hex', `perl pack("H*") → ${dec}`);
        return dec;
      }
      const program = argv.length === 3 && /^-[a-z]*p[a-z]*e$/.test(argv[1]!) ? argv[2]! : undefined;
      // and its transliteration, as tr does it: `perl -pe 'y/A-Za-z/N-ZA-Mn-za-m/'` (rot13)
      const tr = program === undefined ? null : /^(?:y|tr)\/([^/\\]{1,64})\/([^/\\]{0,64})\/;?$/.exec(program.trim());
      if (tr && cmd.stdin !== undefined) return translate(cmd.stdin, tr[1]!, tr[2]!);
      if (cmd.stdin === undefined || program === undefined || !/^s\/\(\.\.\)\/chr\(hex\(?\$1\)?\)\/ge?$/.test(program)) return undefined;
      const dec = decodeHex(cmd.stdin.trim());
      if (dec !== undefined) step('decode-hex', `perl hex decoder → ${dec}`);
      return dec;
    }
    case 'tr': {
      if (cmd.stdin === undefined || anyDynamic) return undefined;
      // `tr -d '#%'` strips the noise characters a payload was padded with
      if (argv.length === 3 && argv[1] === '-d') {
        const out = deleteChars(cmd.stdin, argv[2]!);
        if (out !== undefined) step('decode-tr', `tr -d → ${out.trim()}`);
        return out;
      }
      const sets = argv.slice(1).filter((a) => !a.startsWith('-'));
      if (sets.length !== 2 || argv.slice(1).some((a) => a.startsWith('-'))) return undefined;
      return translate(cmd.stdin, sets[0]!, sets[1]!);
    }
    case 'sed': {
      // `sed 's/QQ/ /g'` puts back the characters a marker stood for in a padded payload: literal text for literal text only
      if (cmd.stdin === undefined || anyDynamic) return undefined;
      // one script of substitutions, or several `-e`s, applied in order to each line
      const scripts = argv.length === 2 ? [argv[1]!] : argv.length > 2 && argv.length % 2 === 1 && argv.every((a, k) => k === 0 || k % 2 === 0 || a === '-e') ? argv.filter((_, k) => k > 0 && k % 2 === 0) : [];
      const subs = literalSubstitutions(scripts);
      if (!subs) return undefined;
      const out = cmd.stdin.split('\n').map((line) => subs.reduce((l, m) => (m.global ? l.split(m.from).join(m.to) : l.replace(m.from, m.to)), line)).join('\n');
      step('decode-sed', `sed ${argv.slice(1).join(' ')} → ${out.trim()}`);
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Scripts of nothing but `s/FROM/TO/` or `s/FROM/TO/g`, with no regex or escape in FROM and no `&` or escape in TO
 * (`s/#/ /g` puts back the spaces a `#` stood for), at most 16 of them; otherwise unknown.
 */
function literalSubstitutions(scripts: string[]): Array<{ from: string; to: string; global: boolean }> | undefined {
  const subs: Array<{ from: string; to: string; global: boolean }> = [];
  for (const script of scripts) {
    const { substitutions, others } = readSedScript(script);
    if (others > 0 || substitutions.length === 0) return undefined;
    for (const { from, to, flags } of substitutions) {
      if ((flags !== '' && flags !== 'g') || from.length === 0 || from.length > 64 || to.length > 64 || /[\\.*[\]^$\n]/.test(from) || /[\\&\n]/.test(to)) return undefined;
      subs.push({ from, to, global: flags === 'g' });
    }
  }
  return subs.length > 0 && subs.length <= 16 ? subs : undefined;
}

const decodesBase64 = (argv: string[]) => argv.some((a) => a === '--decode' || /^-[a-zA-Z]*[dD][a-zA-Z]*$/.test(a));

/** Any word after the command that is not an option: a file to read instead of stdin. */
const operandsGiven = (argv: string[]) => argv.slice(1).some((a) => !a.startsWith('-'));

/**
 * What `BEGIN{printf "FORMAT", arg, …}` prints when every argument is a number or a string literal: awk's %c takes a
 * number as a character code. A linear scan of the program; anything else in it and the output is unknown.
 */
function awkBeginPrintf(program: string): string | undefined {
  // (the format's escapes, `\n` and the like, are printf's as well)
  const m = /^\s{0,8}BEGIN\s{0,8}\{\s{0,8}printf\s{0,8}\(?\s{0,8}"((?:[^"\\]|\\[^\n]){0,4096})"/.exec(program);
  if (!m) return undefined;
  const args: string[] = [];
  const next = /\s{0,8},\s{0,8}(?:(\d{1,7})|"([^"\\]{0,4096})")/y;
  let end = m[0].length;
  next.lastIndex = end;
  for (let arg = next.exec(program); arg && args.length < 8192; arg = next.exec(program)) {
    args.push(arg[1] ?? arg[2]!);
    end = next.lastIndex;
  }
  if (!/^\s{0,8}\)?\s{0,8};?\s{0,8}\}\s{0,8}$/.test(program.slice(end))) return undefined;
  // %c of a number is the character with that code; the rest is the shell's printf
  let k = 0;
  const kept: string[] = [];
  const format = m[1]!.replace(/%(%|[-+ #0]{0,4}\d{0,4}(?:\.\d{1,4})?[a-zA-Z])/g, (spec, kind: string) => {
    if (kind === '%') return spec;
    const value = args[k++] ?? '';
    if (kind === 'c' && /^\d+$/.test(value)) return String.fromCharCode(Number(value) & 0xffff).replace(/%/g, '%%');
    kept.push(value);
    return spec;
  });
  return k === args.length ? printf(format, kept) : undefined;
}
