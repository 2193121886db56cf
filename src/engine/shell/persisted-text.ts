/** Turning text written to an exec location into the command lines it will run. */
import { imageCommand } from './command-args.js';

/** Crontab lines (`m h dom mon dow cmd`, `@reboot cmd`) → `cmd`: the schedule fields are not shell. */
export function stripSchedule(line: string): string {
  const l = line.trim();
  if (l.startsWith('@')) return l.replace(/^@[a-z]+\s+/, '').replace(/^root\s+/, '');
  const m = /^(?:[-0-9*\/,A-Za-z]+\s+){5}(.*)$/.exec(l);
  // /etc/crontab lines carry a user field after the schedule
  return m && /^[-0-9*\/,]+\s/.test(l) ? m[1]!.replace(/^root\s+/, '') : l;
}

/** systemd `ExecStart=/bin/sh -c '…'` and friends → the command line they run. */
export function unitExec(line: string): string {
  const m = /^(?:ExecStart|ExecStartPre|ExecStartPost|ExecStop|ExecReload|Exec)=[-@:+!]*(.*)$/.exec(line);
  if (m) return m[1]!;
  return /^[A-Z][A-Za-z]+=/.test(line) && !/^[A-Z_]+=/.test(line) ? '' : line;
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * A launchd property list's program: the `<string>`s of its ProgramArguments array, or its Program
 * string. Read by position (indexOf), never by a regex over the document.
 */
export function plistProgram(text: string): string[] | undefined {
  const doc = text.slice(0, 64 * 1024);
  if (!doc.includes('<plist')) return undefined;
  const strings = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let at = doc.indexOf('<string>', from); at >= 0 && at < to && out.length < 64; at = doc.indexOf('<string>', at + 8)) {
      const end = doc.indexOf('</string>', at + 8);
      if (end < 0 || end > to) break;
      out.push(doc.slice(at + 8, end).replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!));
    }
    return out;
  };
  const args = doc.indexOf('<key>ProgramArguments</key>');
  if (args >= 0) {
    const open = doc.indexOf('<array>', args);
    const close = open < 0 ? -1 : doc.indexOf('</array>', open);
    if (close > 0) return strings(open, close);
  }
  const program = doc.indexOf('<key>Program</key>');
  if (program >= 0) {
    const next = doc.indexOf('</string>', program);
    return next > 0 ? strings(program, next + 9).slice(0, 1) : undefined;
  }
  return undefined;
}

/** Files whose text says what a container runs: Dockerfiles by name, and any YAML file (a Kubernetes manifest, a compose file, a job spec) by its `command:` keys. */
export function containerSpecFile(path: string): 'dockerfile' | 'manifest' | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // `Dockerfile.prod` is one; `Dockerfile.ts` is source about one
  if (/^(?:Dockerfile|Containerfile)(?:\.[\w.-]{1,40})?$|\.(?:dockerfile|containerfile)$/i.test(name) && !/\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|md|txt|json)$/i.test(name)) return 'dockerfile';
  return /\.ya?ml$/i.test(name) ? 'manifest' : undefined;
}

/** A command a container will run: a shell command line, or an argv run as it is (a Dockerfile's or manifest's exec form). */
export type ContainerCommand = string | string[];

const MAX_SPEC = 64 * 1024;
const MAX_COMMANDS = 16;

/**
 * What a Dockerfile runs at build and at start: each RUN (continuations joined, BuildKit's `--mount=`,
 * `--network=` and `--security=` flags dropped), CMD and ENTRYPOINT, in shell form as a line and in exec form
 * (`["sh", "-c", "…"]`) as an argv.
 */
export function dockerfileCommands(text: string): ContainerCommand[] {
  const out: ContainerCommand[] = [];
  const lines = text.slice(0, MAX_SPEC).split('\n', 4000);
  for (let k = 0; k < lines.length && out.length < MAX_COMMANDS; k++) {
    const m = /^\s*(RUN|CMD|ENTRYPOINT)\s+(.*)$/i.exec(lines[k]!);
    if (!m) continue;
    let body = m[2]!;
    // a continued instruction: comment lines inside it are not part of it
    while (body.endsWith('\\') && k + 1 < lines.length) {
      k++;
      if (!/^\s*#/.test(lines[k]!)) body = body.slice(0, -1) + ' ' + lines[k]!.trim();
      else body = body.slice(0, -1) + '\\';
    }
    body = body.trim();
    if (m[1]!.toUpperCase() === 'RUN') while (/^--[a-z-]+=\S*\s/.test(body)) body = body.replace(/^--[a-z-]+=\S*\s+/, '');
    if (body.startsWith('<<')) continue;
    out.push(body.startsWith('[') ? flowList(body) ?? body : body);
  }
  return out;
}

/**
 * The argv of each container in a Kubernetes manifest or a compose file: its `command:` (compose's
 * `entrypoint:`) followed by the `args:` beside it, each a flow list (`["sh", "-c", "…"]`), a block list
 * (`- sh` lines, `- |` scalars) or, as compose allows, one command line.
 */
export function containerCommands(text: string): ContainerCommand[] {
  const out: ContainerCommand[] = [];
  const lines = text.slice(0, MAX_SPEC).split('\n', 4000);
  // the argv last read and the indentation of its key, so an `args:` beside it extends it; the image beside them, whose
  // program runs `args:` given without a command
  let last: { argv: string[]; indent: number } | undefined;
  let image: { name: string; indent: number } | undefined;
  for (let k = 0; k < lines.length && out.length < MAX_COMMANDS; k++) {
    // a line left of the argv's key, or a list item beside its mapping, starts another container
    const lead = lines[k]!.search(/\S/);
    const leaves = (at: number) => lead >= 0 && (lead < at || (lines[k]!.startsWith('- ', lead) && lead + 2 <= at));
    if (last && leaves(last.indent)) last = undefined;
    if (image && leaves(image.indent)) image = undefined;
    const img = /^(\s*)(-\s+)?image:[ \t]*["']?([^\s"']{1,256})/.exec(lines[k]!);
    if (img) image = { name: img[3]!, indent: img[1]!.length + (img[2]?.length ?? 0) };
    const m = /^(\s*)(-\s+)?(command|entrypoint|args):[ \t]*(.*)$/.exec(lines[k]!);
    if (!m) continue;
    const indent = m[1]!.length + (m[2]?.length ?? 0);
    const value = m[4]!.trim();
    let items: string[] | undefined;
    if (value.startsWith('[')) {
      // a flow list may run over several lines
      let flow = value;
      for (let j = k + 1; j < lines.length && j < k + 64 && !flowClosed(flow); j++) flow += ' ' + lines[j]!.trim();
      items = flowList(flow);
    } else if (value === '' || value === '|' || value === '>' || value === '|-' || value === '>-') {
      const block = blockBelow(lines, k, indent, value);
      if (typeof block === 'string') {
        if (m[3] !== 'args' && block.trim()) out.push(block);
        continue;
      }
      items = block;
    } else if (m[3] !== 'args') {
      out.push(unquoteScalar(value));
      last = undefined;
      continue;
    }
    if (!items || items.length === 0) continue;
    if (m[3] === 'args') {
      if (last && last.indent === indent) last.argv.push(...items.slice(0, 256));
      else if (image && image.indent === indent) {
        const argv = imageCommand(image.name, items.slice(0, 256));
        if (argv.length > items.length) out.push(argv);
      }
      continue;
    }
    last = { argv: items.slice(0, 256), indent };
    out.push(last.argv);
  }
  return out;
}

/** Whether a flow list's brackets close, quotes considered. */
function flowClosed(flow: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < flow.length; i++) {
    const ch = flow[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return true;
  }
  return false;
}

/** The items of a one-level YAML or JSON flow list of scalars: `["sh", "-c", "x"]`, `[sleep, '99']`. */
function flowList(flow: string): string[] | undefined {
  const items: string[] = [];
  let item = '';
  let quote = '';
  let quoted = false;
  for (let i = flow.indexOf('[') + 1; i < flow.length && items.length < 256; i++) {
    const ch = flow[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < flow.length) item += unescapeChar(flow[++i]!);
      else if (ch === quote && quote === "'" && flow[i + 1] === "'") { item += "'"; i++; }
      else if (ch === quote) quote = '';
      else item += ch;
    } else if (ch === '"' || ch === "'") {
      // the blank after a comma is not part of a quoted item
      if (!item.trim()) item = '';
      quote = ch;
      quoted = true;
    }
    else if (ch === ',' || ch === ']') {
      if (quoted || item.trim()) items.push(quoted ? item : item.trim());
      item = '';
      quoted = false;
      if (ch === ']') return items;
    } else if (ch === '[' || ch === '{') return undefined;
    else if (quoted) continue;
    else item += ch;
  }
  return undefined;
}

const unescapeChar = (ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch);

function unquoteScalar(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => unescapeChar(ch));
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** The lines below a key indented past it: a block list's items, or a block scalar's text. */
function blockBelow(lines: string[], at: number, indent: number, style: string): string[] | string {
  const body: string[] = [];
  for (let j = at + 1; j < lines.length && j < at + 512; j++) {
    const line = lines[j]!;
    if (line.trim() === '') { body.push(''); continue; }
    if (line.search(/\S/) <= indent && !(style === '' && line.slice(indent).startsWith('- ') && line.search(/\S/) === indent)) break;
    body.push(line);
  }
  if (style !== '') return body.map((l) => l.trim()).join(style.startsWith('>') ? ' ' : '\n').trimEnd();
  const items: string[] = [];
  for (let j = 0; j < body.length && items.length < 256; j++) {
    const m = /^(\s*)-\s+(.*)$/.exec(body[j]!);
    if (!m) continue;
    const v = m[2]!.trim();
    if (v === '|' || v === '>' || v === '|-' || v === '>-') {
      const inner: string[] = [];
      for (j++; j < body.length && (body[j] === '' || body[j]!.search(/\S/) > m[1]!.length); j++) inner.push(body[j]!.trim());
      j--;
      items.push(inner.join(v.startsWith('>') ? ' ' : '\n').trim());
    } else items.push(unquoteScalar(v));
  }
  return items;
}
