/**
 * Tag for shell snippets kept as TypeScript templates: the text is taken raw, so backslashes reach
 * the shell as written ("\C-m", $'\n'), and `\${` is how a template spells the shell's own `${`.
 * Interpolated values (the proxilion command) are inserted as given.
 */
export function shellSource(strings: TemplateStringsArray, ...values: string[]): string {
  let out = '';
  strings.raw.forEach((part, i) => {
    out += part.replaceAll('\\${', '${');
    if (i < values.length) out += values[i];
  });
  return out;
}
