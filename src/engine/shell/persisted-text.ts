/** Turning text written to an exec location into the command lines it will run. */
import { imageCommand } from './command-args.js';
import { classifyPath } from '../knowledge/paths.js';
import { DIALPLAN_FILE, dialplanCommands } from './pbx-console.js';

/** Crontab lines (`m h dom mon dow cmd`, `@reboot cmd`) → `cmd`: the schedule fields are not shell. */
export function stripSchedule(line: string): string {
  const l = line.trim();
  if (l.startsWith('@')) return l.replace(/^@[a-z]+\s+/, '').replace(/^root\s+/, '');
  const m = /^(?:[-0-9*\/,A-Za-z]+\s+){5}(.*)$/.exec(l);
  // /etc/crontab lines carry a user field after the schedule
  return m && /^[-0-9*\/,]+\s/.test(l) ? m[1]!.replace(/^root\s+/, '') : l;
}

/** The command lines of a crontab, a unit or an rc file: schedules, unit keys, section headers and comments taken out. */
export function persistedLines(text: string): string {
  const lines = text.split('\n').map((l) => stripSchedule(l)).filter((l) => l && !l.startsWith('#') && !/^\[[A-Za-z]+\]$/.test(l));
  return lines.map((l) => unitExec(l)).join('\n');
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

/** Files whose text says what a container or machine runs: Dockerfiles by name, Terraform configurations, and any YAML file (a Kubernetes manifest, a compose file, a job spec, a playbook, a template) by its keys. */
export function containerSpecFile(path: string): 'dockerfile' | 'manifest' | 'terraform' | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // `Dockerfile.prod` is one; `Dockerfile.ts` is source about one
  if (/^(?:Dockerfile|Containerfile)(?:\.[\w.-]{1,40})?$|\.(?:dockerfile|containerfile)$/i.test(name) && !/\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|md|txt|json)$/i.test(name)) return 'dockerfile';
  if (/\.tf$/i.test(name)) return 'terraform';
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

/**
 * What a JSON object the cluster takes will run in its containers: a strategic or JSON patch (`kubectl patch -p`),
 * a pod's `--overrides`. A `command` list with the `args` beside it, and a `script` (Tekton's steps, Argo's
 * templates), anywhere in the document; at most 4,096 values are visited.
 */
export function jsonContainerCommands(text: string): ContainerCommand[] {
  const t = text.trimStart();
  if (t.length > MAX_SPEC || (t[0] !== '{' && t[0] !== '[')) return [];
  let doc: unknown;
  try { doc = JSON.parse(t); } catch { return []; }
  const out: ContainerCommand[] = [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 256) : []);
  const queue: unknown[] = [doc];
  for (let n = 0; n < queue.length && n < 4096 && out.length < MAX_COMMANDS; n++) {
    const v = queue[n];
    if (Array.isArray(v)) { queue.push(...v.slice(0, 512)); continue; }
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const command = strings(o.command);
    if (command.length) out.push([...command, ...strings(o.args)]);
    if (typeof o.script === 'string' && o.script.trim()) out.push(o.script);
    queue.push(...Object.values(o).slice(0, 512));
  }
  return out;
}

/** The commands a Go source file's `//go:generate` lines run on `go generate`, at most 16. */
function goGenerateCommands(text: string): string[] {
  return [...text.slice(0, MAX_SPEC).matchAll(/^\/\/go:generate[ \t]+([^\n]{1,4096})$/gm)].slice(0, MAX_COMMANDS).map((m) => m[1]!);
}

/** The AWS CLI's config: `credential_process = …` is a command every AWS call of that profile runs for its keys. */
const AWS_CONFIG = /(?:^|\/)\.aws\/(?:config|credentials)$/;

/**
 * Commands a source or configuration file has its tools run, where the file is no startup location of its own: Go
 * source's `//go:generate` lines, the AWS CLI's `credential_process`, a PBX dialplan's `System(…)` on each call.
 */
export function fileCommands(path: string, text: string): string[] {
  if (path.endsWith('.go')) return goGenerateCommands(text);
  if (DIALPLAN_FILE.test(path)) return dialplanCommands(text);
  if (AWS_CONFIG.test(path)) return [...text.slice(0, MAX_SPEC).matchAll(/^[ \t]*credential_process[ \t]*=[ \t]*([^\n]{1,4096})$/gm)].slice(0, MAX_COMMANDS).map((m) => m[1]!.trim());
  return [];
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

/** A shell word in single quotes, for the commands a module amounts to. */
const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** YAML keys whose value a machine runs: cloud-init's `runcmd`/`bootcmd`, an instance's `UserData`, Ansible's shell modules. */
const PROVISION_KEY = /^(\s*)(-\s+)?((?:ansible\.builtin\.)?(?:shell|raw)|ansible\.builtin\.command|runcmd|bootcmd|UserData|user_data|userData|startup-script)\s*:[ \t]*(.*)$/;
/** A CI file's step commands: GitHub Actions' and CircleCI's `run:`, GitLab's and Travis' `script:` lists. */
const CI_STEP_KEY = /^(\s*)(-\s+)?(run|script|before_script|after_script)\s*:[ \t]*(.*)$/;
/** A step's interpreter (`shell: bash`, `shell: pwsh -command ". '{0}'"`), not a command. */
const SHELL_NAME = /^(?:bash|sh|zsh|pwsh|powershell|python3?|cmd|\S*\{0\}.*)$|\{0\}/;
/** Ansible modules that write a line, a block or a file, or a key into authorized_keys, with the keys that say what and where. */
const ANSIBLE_MODULES = /^(\s*)(-\s+)?(?:(?:ansible\.(?:builtin|posix)|community\.general)\.)?(lineinfile|blockinfile|copy|authorized_key|cron|service|systemd|systemd_service|selinux|uri|get_url|user)\s*:\s*$/;

/** The direct children of a YAML mapping key (scalars and block scalars), up to 32 of them. */
function childScalars(lines: string[], at: number, indent: number): Map<string, string> {
  const out = new Map<string, string>();
  let child = -1;
  for (let j = at + 1; j < lines.length && j < at + 256 && out.size < 32; j++) {
    const line = lines[j]!;
    if (line.trim() === '') continue;
    const lead = line.search(/\S/);
    if (lead <= indent) break;
    if (child < 0) child = lead;
    if (lead !== child) continue;
    const m = /^\s*([\w.-]{1,64})\s*:[ \t]*(.*)$/.exec(line);
    if (!m) continue;
    const v = m[2]!.trim();
    out.set(m[1]!, /^[|>][-+]?$/.test(v) ? (blockBelow(lines, j, lead, v) as string) : unquoteScalar(v));
  }
  return out;
}

/**
 * An Ansible task as the shell line that does the same, so the rules for keys, sudoers, services, downloads and uploads
 * judge it: a key or a sudoers line written, a service stopped, SELinux switched off, a URL fetched or sent a file.
 */
function ansibleTask(module: string, args: Map<string, string>): string | undefined {
  const templated = (s: string | undefined) => s === undefined || s.includes('{{');
  switch (module) {
    case 'service':
    case 'systemd':
    case 'systemd_service':
      return !templated(args.get('name')) && (args.get('state') === 'stopped' || /^(?:false|no)$/i.test(args.get('enabled') ?? '')) ? `systemctl disable --now ${quoted(args.get('name')!)}` : undefined;
    case 'selinux':
      return /^(?:disabled|permissive)$/.test(args.get('state') ?? '') ? 'setenforce 0' : undefined;
    case 'uri': {
      const url = args.get('url');
      const src = args.get('src');
      if (templated(url) || !/^(?:PUT|POST|PATCH)$/i.test(args.get('method') ?? '')) return undefined;
      return `curl -X ${args.get('method')!.toUpperCase()} ${src && !templated(src) ? `--data-binary @${quoted(src)}` : `-d ${quoted(args.get('body') ?? '')}`} ${quoted(url!)}`;
    }
    case 'get_url':
      return templated(args.get('url')) || templated(args.get('dest')) ? undefined : `curl -fsSL -o ${quoted(args.get('dest')!)} ${quoted(args.get('url')!)}`;
    case 'authorized_key': {
      const key = args.get('key');
      const user = args.get('user');
      if (templated(key) || templated(user) || args.get('state') === 'absent') return undefined;
      return `echo ${quoted(key!)} >> ${user === 'root' ? '/root' : `/home/${user}`}/.ssh/authorized_keys`;
    }
    case 'cron':
      return templated(args.get('job')) || args.get('state') === 'absent' ? undefined : args.get('job');
    // an account made with root's uid, or with a given password hash, is useradd's
    case 'user': {
      const name = args.get('name');
      if (templated(name) || args.get('state') === 'absent') return undefined;
      const uid = args.get('uid');
      const password = args.get('password');
      if (uid !== '0' && (password === undefined || templated(password))) return undefined;
      return `useradd${uid === '0' ? ' -o -u 0' : ''}${password !== undefined && !templated(password) ? ` -p ${quoted(password)}` : ''} ${quoted(name!)}`;
    }
  }
  const path = args.get('path') ?? args.get('dest');
  const text = module === 'lineinfile' ? args.get('line') : module === 'blockinfile' ? args.get('block') : args.get('content');
  if (templated(path) || templated(text) || args.get('state') === 'absent') return undefined;
  // a key, or a sudoers line that allows every command, is judged as what it lets in; text put where something runs it, as what it runs (a unit's `ExecStart=`,
  // a crontab's command); a configuration file is the playbook's business
  if (path!.endsWith('/authorized_keys') || (path!.includes('/sudoers') && /\bALL\s*$/m.test(text!))) return `printf '%s\\n' ${quoted(text!)} >> ${quoted(path!)}`;
  if (classifyPath(path!)?.role !== 'exec-location') return undefined;
  return persistedLines(text!).trim() || undefined;
}

/**
 * What a YAML file makes a machine run when it is provisioned: cloud-init's `runcmd` and `bootcmd` lists, a CloudFormation
 * instance's `UserData` (under `Fn::Base64`/`!Sub` too), Ansible's `shell`, `raw` and `command` tasks (and a `cmd:` below
 * them), and Ansible's file, key, cron, service, SELinux, download and upload modules as the shell lines they amount to.
 */
export function provisionCommands(text: string, ciSteps = false): ContainerCommand[] {
  const out: ContainerCommand[] = [];
  const lines = text.slice(0, MAX_SPEC).split('\n', 4000);
  for (let k = 0; k < lines.length && out.length < MAX_COMMANDS; k++) {
    const w = ANSIBLE_MODULES.exec(lines[k]!);
    if (w) {
      const line = ansibleTask(w[3]!, childScalars(lines, k, w[1]!.length + (w[2]?.length ?? 0)));
      if (line) out.push(line);
      continue;
    }
    const m = PROVISION_KEY.exec(lines[k]!) ?? (ciSteps ? CI_STEP_KEY.exec(lines[k]!) : null);
    if (!m) continue;
    let at = k;
    let indent = m[1]!.length + (m[2]?.length ?? 0);
    let value = m[4]!.trim();
    // CloudFormation's `UserData:` holds `Fn::Base64: |` (or `!Sub |`) on the line below
    const wrapper = value === '' ? /^(\s*)Fn::(?:Base64|Sub)\s*:[ \t]*(.*)$/.exec(lines[k + 1] ?? '') : null;
    if (wrapper) [at, indent, value] = [k + 1, wrapper[1]!.length, wrapper[2]!.trim()];
    value = value.replace(/^(?:(?:!Base64|!Sub|Fn::Base64:|Fn::Sub:)\s*)+/, '');
    // Ansible's module given as a mapping: the command in its `cmd:`
    if (value === '' && /shell|raw|command/.test(m[3]!)) {
      const cmd = childScalars(lines, k, indent).get('cmd');
      if (cmd) out.push(cmd);
      continue;
    }
    if (value.startsWith('[')) {
      const argv = flowList(value);
      if (argv?.length) out.push(argv);
      continue;
    }
    if (value === '' || /^[|>][-+]?$/.test(value)) {
      const block = blockBelow(lines, at, indent, value);
      if (typeof block === 'string') { if (block.trim()) out.push(block); }
      else for (const item of block.slice(0, MAX_COMMANDS)) out.push(item.startsWith('[') ? flowList(item) ?? item : item);
      continue;
    }
    const scalar = unquoteScalar(value);
    if (!(/shell/.test(m[3]!) && SHELL_NAME.test(scalar))) out.push(scalar);
  }
  return out.slice(0, MAX_COMMANDS);
}

/** Terraform keys whose value runs on a machine: provisioners' `command` and `inline`, instances' boot scripts, external programs. */
const TERRAFORM_RUN_KEY = /^\s*"?(command|inline|user_data|custom_data|metadata_startup_script|startup-script|startup_script|program)"?\s*=\s*(.*)$/;

/** The double-quoted HCL strings of a text, escapes undone, interpolations kept as written. */
function hclStrings(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('"'); i >= 0 && i < text.length && out.length < 64; i = text.indexOf('"', i + 1)) {
    let s = '';
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      const ch = text[j]!;
      if (ch === '\\' && j + 1 < text.length) { s += unescapeChar(text[++j]!); continue; }
      if (ch === '$' && text[j + 1] === '{') depth++;
      else if (ch === '}' && depth > 0) depth--;
      else if (ch === '"' && depth === 0) break;
      s += ch;
    }
    out.push(s.replace(/\$\$\{/g, '${'));
    i = j;
  }
  return out;
}

/**
 * What a Terraform configuration runs: its provisioners' `command` (on the machine running apply) and `inline` lines (on
 * the new machine), its instances' boot scripts (heredocs, under `base64encode(…)` too), and its external programs' argv.
 */
export function terraformCommands(text: string): ContainerCommand[] {
  const out: ContainerCommand[] = [];
  const lines = text.slice(0, MAX_SPEC).split('\n', 4000);
  for (let k = 0; k < lines.length && out.length < MAX_COMMANDS; k++) {
    const m = TERRAFORM_RUN_KEY.exec(lines[k]!);
    if (!m) continue;
    const value = m[2]!;
    const heredoc = /<<-?([A-Za-z_]\w{0,31})/.exec(value);
    if (heredoc) {
      const body: string[] = [];
      for (k++; k < lines.length && body.length < 512 && lines[k]!.trim() !== heredoc[1]; k++) body.push(lines[k]!.trim());
      if (body.length) out.push(body.join('\n').replace(/\$\$\{/g, '${'));
      continue;
    }
    // a string literal, or a list of them (`inline`'s lines, `program`'s or a container's argv); a file's name or a
    // template call is read where that file is written
    if (value.trimStart().startsWith('"')) {
      const first = hclStrings(value)[0];
      if (first) out.push(first);
      continue;
    }
    if (!value.trimStart().startsWith('[')) continue;
    // a list runs over at most 64 more lines, up to the line that closes it
    const first = k;
    let list = value;
    let closed = value.includes(']');
    while (!closed && k + 1 < lines.length && k < first + 64) {
      k++;
      list += '\n' + lines[k]!;
      closed = lines[k]!.includes(']');
    }
    const strings = hclStrings(list);
    if (strings.length) out.push(m[1] === 'inline' ? strings.join('\n') : strings);
  }
  return out;
}
