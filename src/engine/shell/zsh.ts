/**
 * A zsh script's parameter expansions that bash has no syntax for, written as bash reads them, so the one parser
 * reads `zsh -c` scripts too: `${:-word}` is the word; `${(L)x}` and `${(U)x}` change case (`${x,,}`, `${x^^}`);
 * `${(s:,:)x}` splits at the separator; an array written on the line (`w=(-d dump-keychain security)`) is read back
 * reversed by `${(Oa)w}` and joined by `${(j::)w}` as the words it holds. One pass, each pattern bounded.
 */
export function zshAsBash(script: string): string {
  if (!script.includes('${')) return script;
  const text = script.slice(0, MAX_SCRIPT);
  const arrays = new Map<string, string[]>();
  for (const m of text.matchAll(/(?:^|[\s;&|(])([A-Za-z_]\w{0,40})=\(([^()'"`$\\\n]{0,1024})\)/g)) arrays.set(m[1]!, m[2]!.trim().split(/\s+/).filter(Boolean));
  return text
    .replace(/\$\{:-([^{}$`\\]{0,256})\}/g, '$1')
    .replace(/\$\{\(([^(){}]{1,24})\)([A-Za-z_]\w{0,40})\}/g, (whole, flags: string, name: string) => {
      if (flags === 'L') return `\${${name},,}`;
      if (flags === 'U') return `\${${name}^^}`;
      const split = /^s(.)(.{1,8}?)\1$/.exec(flags);
      if (split) return `\${${name}//${escapeForPattern(split[2]!)}/ }`;
      const words = arrays.get(name);
      if (words === undefined) return whole;
      if (flags === 'Oa') return [...words].reverse().join(' ');
      const join = /^j(.)(.{0,8}?)\1$/.exec(flags);
      return join ? words.join(join[2]!) : whole;
    });
}

const MAX_SCRIPT = 64 * 1024;

/** A separator as bash's `${x//pattern/…}` reads it: glob characters and the slash quoted. */
const escapeForPattern = (s: string) => s.replace(/[*?[\]\\/]/g, (c) => `\\${c}`);
