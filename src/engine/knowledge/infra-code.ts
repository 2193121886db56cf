import { isJsonObject, type ToolCall } from '../toolcall.js';
import { nameWords } from '../tool-shape.js';
import { PERSONAL_MAIL_AT, PERSONAL_MAILBOX } from './payloads.js';
import { ADMIN_PORTS } from './ports.js';
import { editsOf, linesOf, NOT_SHIPPED } from './weakened-code.js';

/**
 * Infrastructure code (Terraform, CloudFormation, Pulumi, CDK, Bicep, policy JSON) read for what it will open, grant or
 * stop recording once applied. A setting is judged inside the block that holds it (a security group's ingress rule, a
 * policy's statement), found by indentation, so a website's port 443 open to the world does not lend its CIDR to the
 * SSH rule beside it.
 */


/** A key that names the sources a rule lets in, with the whole internet as its value. */
const WORLD_SOURCE = /(?:(?:cidr|CidrIp|source_?ranges|sourceRanges|source_address_prefix(?:es)?|sourceAddressPrefix(?:es)?|ip_?ranges?|IpRanges|allowed_ips|remote_ip_prefix|public_access_cidrs|authorized_ip_ranges|ipv4_range)\w*|\bsources?|\bsource_ips|\baddresses)"?\s*[:=][^\n]{0,80}?(?:0\.0\.0\.0\/0|::\/0|['"](?:\*|Internet|Any)['"])/i;
/** Keys whose world-wide value opens a control plane whatever the port (a cluster's API endpoint). */
const CONTROL_PLANE_SOURCE = /public_access_cidrs|authorized_ip_ranges|publicAccessCidrs|master_authorized/i;
const OUTBOUND = /egress|direction"?\s*[:=]\s*['"]?outbound/i;
const DENIED = /\baccess"?\s*[:=]\s*['"]Deny|\baction"?\s*[:=]\s*['"](?:deny|DENY)/;
const EVERY_PROTOCOL = /\b(?:ip_?)?protocol"?\s*[:=]\s*['"]?(?:-1|all|\*)['"]?(?:[\s,}]|$)|IpProtocol"?\s*[:=]\s*['"]?-1\b/i;
const PORT_VALUE = /\b(?:from_?port|to_?port|FromPort|ToPort|port|ports|destination_port_ranges?|destinationPortRanges?|port_range)"?\s*[:=]\s*\[?\s*['"]?(\*|all\b|any\b|\d{1,5}(?:\s*-\s*\d{1,5})?)/gi;

/** Storage, databases and snapshots made public by a setting on one line (`website`: public on purpose for a website's bucket). */
const PUBLIC_SETTINGS: ReadonlyArray<{ what: string; line: RegExp; website?: true }> = [
  { what: 'a bucket ACL readable by everyone', website: true, line: /\bacl"?\s*[:=]\s*['"]public-read(?:-write)?['"]|AccessControl"?\s*[:=]\s*['"]?PublicRead(?:Write)?\b|predefined_acl"?\s*[:=]\s*['"]public(?:Read|ReadWrite)['"]/ },
  { what: 'public blob access allowed', website: true, line: /allow_(?:nested_items_to_be_public|blob_public_access)\s*=\s*true|allowBlobPublicAccess"?\s*:\s*true|container_access_type\s*=\s*"(?:blob|container)"|publicAccess"?\s*:\s*['"](?:Blob|Container)['"]/ },
  { what: 'a database reachable from the internet', line: /publicly_accessible\s*=\s*true|PubliclyAccessible"?\s*:\s*['"]?true|publiclyAccessible"?\s*:\s*true/i },
  { what: 'a database firewall open to every address', line: /end_ip_address\s*=\s*"255\.255\.255\.255"|endIpAddress['"]?\s*:\s*['"]255\.255\.255\.255/ },
  { what: 'everyone let past the login', line: /\bdecision\s*=\s*"bypass"|\bdecision['"]?\s*:\s*['"]bypass/ },
  { what: 'a snapshot or image shared with every account', line: /\bgroup\s*=\s*"all"|shared_accounts\s*=\s*\[\s*"all"|["']?Group["']?\s*:\s*["']all["']|UserGroup"?\s*[:=]\s*['"]?all\b/ },
];
const PUBLIC_BLOCK_OFF = /(?:block_public_acls|block_public_policy|ignore_public_acls|restrict_public_buckets|BlockPublicAcls|BlockPublicPolicy|IgnorePublicAcls|RestrictPublicBuckets)"?\s*[:=]\s*['"]?false/gi;
const EVERYONE_MEMBER = /(?:^|[\s'"=:,[])(?:allUsers|allAuthenticatedUsers)\b/;
/** Roles that let anyone call a service: how a public site or webhook on Cloud Run or Functions is published, behind its own checks. */
const INVOKER = /roles\/(?:run|cloudfunctions)\.invoker/;
/** A database's list of networks let in: any port of it is the database's. */
const AUTHORIZED_NETWORKS = /authorized_networks|authorizedNetworks|ipConfiguration|ip_configuration/;
/** A bucket served as a website is public on purpose. */
const WEBSITE = /index_document|main_page_suffix|WebsiteConfiguration|website_configuration|static_website|\bwebsite\s*\{|websiteIndexDocument/;

const PRINCIPAL_ANYONE = /\bPrincipals?"?\s*[:=]\s*['"]\*['"]|\bPrincipal"?\s*:\s*\*\s*$|\bAWS"?\s*[:=]\s*\[?\s*['"]\*['"]|identifiers\s*=\s*\[\s*"\*"\s*\]/m;
const ACTION_ALL = /\b[Aa]ctions?"?\s*[:=]\s*(?:\[\s*|-\s+)?['"]?(?:\*|\*:\*|iam:\*)['"]?(?=[\s,\]]|$)/m;
const RESOURCE_ALL = /\b[Rr]esources?"?\s*[:=]\s*(?:\[\s*|-\s+)?['"]?\*['"]?(?=[\s,\]]|$)/m;
/** Every resource, or every user, role, group or policy of an account (`arn:aws:iam::*:user/*`). */
const RESOURCE_ALL_IAM = /\b[Rr]esources?"?\s*[:=]\s*(?:\[\s*|-\s+)?['"]?(?:\*|arn:aws:iam::[\d*]*:(?:user|role|group|policy)\/\*)['"]?(?=[\s,\]]|$)/m;
const CONDITION = /\bConditions?"?\s*[:=]|\bcondition\s*\{/;
const DENY = /\bEffect"?\s*[:=]\s*['"]?Deny/i;
const ASSUME = /sts:AssumeRole|assume_role_policy|AssumeRolePolicyDocument|assumeRolePolicy/;
const ACCOUNT_PRINCIPAL = /arn:aws:iam::\d{12}:(?:root|user\/|role\/)|AccountPrincipal\(\s*['"]\d{12}['"]/;
const ADMIN_POLICY = /\b(?:AdministratorAccess|PowerUserAccess|IAMFullAccess)\b|\b[Aa]ctions?"?\s*[:=]\s*\[?\s*['"]\*['"]/;
/** What keeps a trusted account's role to its owner: an external id, an organization, a source account or ARN. */
const TRUST_GUARD = /ExternalId|externalIds?\b|PrincipalOrgID|SourceAccount|SourceArn|\bcondition\s*\{|\bConditions?"?\s*[:=]/;
/** Services that run code with a role they are passed: `iam:PassRole` on every role with one of these is any role's permissions. */
const RUNS_PASSED_ROLE = /['"](?:lambda:CreateFunction|ec2:RunInstances|ecs:RunTask|ecs:RegisterTaskDefinition|glue:CreateDevEndpoint|glue:CreateJob|cloudformation:CreateStack|sagemaker:CreateNotebookInstance|sagemaker:CreateTrainingJob|codebuild:CreateProject|datapipeline:CreatePipeline)['"]/;
/** IAM actions that let their holder raise their own permissions or take another identity's. */
const ESCALATING = /['"]iam:(?:CreateAccessKey|CreateLoginProfile|UpdateLoginProfile|AttachUserPolicy|AttachRolePolicy|AttachGroupPolicy|PutUserPolicy|PutRolePolicy|PutGroupPolicy|CreatePolicyVersion|SetDefaultPolicyVersion|UpdateAssumeRolePolicy|AddUserToGroup)['"]/g;
const ADMIN_ROLE = /roles\/(?:owner|editor|iam\.\w*[Aa]dmin\w*|resourcemanager\.\w*[Aa]dmin)|['"](?:Owner|Contributor|User Access Administrator)['"]|role_definition_name\s*=\s*"(?:Owner|Contributor)"/;

interface Block { text: string; opener: string }
/** Blocks read per text for one kind of setting: enough for any real policy or module, bounded for a padded one. */
const BLOCK_BUDGET = 256;

/** blockOf for one text, up to BLOCK_BUDGET times (each block is up to 161 lines); past it, an empty block. */
function blockReader(lines: readonly string[]): (k: number) => Block {
  let budget = BLOCK_BUDGET;
  return (k) => (budget-- > 0 ? blockOf(lines, k) : { text: '', opener: '' });
}

const leading = (l: string) => l.search(/\S/);
/** Where a line's own key starts: after its indentation and any YAML list dashes. */
const keyColumn = (l: string) => /^\s*(?:-\s+)*/.exec(l)![0].length;
const isItem = (l: string) => /^\s*-\s/.test(l);

/**
 * The block that holds line k: a YAML list item it belongs to, or the lines under the nearest line indented less. A
 * line with no key (`- 0.0.0.0/0` under `cidr_blocks:`) is judged in its key's block.
 */
function blockOf(lines: readonly string[], k: number): Block {
  let at = k;
  if (/^\s*-\s+(?!.*:\s)\S+\s*$/.test(lines[at]!)) for (let j = at - 1; j >= 0 && at - j <= 8; j--) if (lines[j]!.trim() && leading(lines[j]!) < leading(lines[at]!)) { at = j; break; }
  const own = keyColumn(lines[at]!);
  let start = at;
  if (!isItem(lines[at]!)) {
    for (let j = at - 1; j >= 0 && at - j <= 80; j--) {
      const l = lines[j]!;
      if (!l.trim()) continue;
      if ((isItem(l) && keyColumn(l) <= own) || leading(l) < own) { start = j; break; }
    }
  }
  // no line above holds it (an edit's text starts inside the block): the lines around it at its level are the block
  // (within the same 80 lines either way, so that no input makes every line's block the whole text)
  const orphan = start === at && !isItem(lines[at]!);
  if (orphan) start = Math.max(0, at - 80);
  const top = orphan ? own - 1 : leading(lines[start]!);
  let end = at;
  for (let j = at + 1; j < lines.length && j - at <= 80; j++) {
    const n = leading(lines[j]!);
    if (n >= 0 && n <= top) break;
    end = j;
  }
  return { text: lines.slice(start, end + 1).join('\n'), opener: lines[start]! };
}

function portsOpen(block: string): boolean {
  if (EVERY_PROTOCOL.test(block)) return true;
  const ranges: Array<[number, number]> = [];
  for (const m of block.matchAll(PORT_VALUE)) {
    if (m[1] === '*' || /^(?:all|any)$/i.test(m[1]!)) return true;
    const [a, b] = m[1]!.split('-').map((x) => Number(x.trim()));
    ranges.push([a!, b ?? a!]);
  }
  // a from/to pair written as two keys
  const from = /\b(?:from_?port|FromPort)"?\s*[:=]\s*['"]?(\d{1,5})/i.exec(block)?.[1];
  const to = /\b(?:to_?port|ToPort)"?\s*[:=]\s*['"]?(\d{1,5})/i.exec(block)?.[1];
  if (from !== undefined && to !== undefined) ranges.push([Number(from), Number(to)]);
  // a GCP firewall's protocol allowed without ports is every port of it
  if (ranges.length === 0) return /\ballow\s*\{[^}]{0,200}protocol\s*=\s*"(?:tcp|udp|all)"[^}]{0,200}\}/.test(block) && !/\bports\s*=/.test(block);
  return ranges.some(([a, b]) => (a === 0 && b >= 65535) || [...ADMIN_PORTS].some((p) => a <= p && p <= b));
}

/** Statements (blocks holding a Principal or an Action) of a document, each once. */
function statements(lines: readonly string[]): Block[] {
  const seen = new Set<string>();
  const out: Block[] = [];
  const block = blockReader(lines);
  for (let k = 0; k < lines.length && out.length < 64; k++) {
    if (!/\b(?:Principals?|principals|Actions?|actions)\b/.test(lines[k]!)) continue;
    const b = block(k);
    if (!b.opener && !b.text) break;
    if (!seen.has(b.text)) seen.add(b.text), out.push(b);
  }
  return out;
}

const shown = (s: string) => s.trim().replace(/\s+/g, ' ').slice(0, 120);

interface Shipped { path: string; lines: string[]; doc: string; removed: string; statements: Block[] }

const shipped = new WeakMap<ToolCall, Shipped[]>();
/**
 * A call's edits and whole files written, outside tests, fixtures and docs, with the text each puts in split into
 * lines; or what a cloud API call creates or changes, its parameters read as the same code (once per call).
 */
function shippedEdits(call: ToolCall): Shipped[] {
  let out = shipped.get(call);
  if (!out) {
    const edits = editsOf(call).filter((e) => !NOT_SHIPPED.test(e.path)).map((e) => ({ path: e.path, added: e.added, removed: e.removed }));
    const api = edits.length === 0 ? apiDocument(call) : undefined;
    out = [...edits, ...(api ? [api] : [])].map((e) => {
      const lines = linesOf(e.added);
      return { path: e.path, lines, doc: e.added.slice(0, 256 * 1024), removed: e.removed.slice(0, 256 * 1024), statements: statements(lines) };
    });
    shipped.set(call, out);
  }
  return out;
}

/** Verbs of an API tool that makes or changes what its parameters describe. */
const API_SETTERS = new Set(['create', 'put', 'update', 'set', 'add', 'insert', 'modify', 'attach', 'authorize', 'patch', 'apply', 'replace', 'upsert', 'grant', 'change', 'share', 'configure', 'enable']);
/** Verbs of one that reads or takes away what they describe. */
const API_READERS = new Set(['list', 'get', 'describe', 'read', 'search', 'query', 'delete', 'remove', 'revoke', 'detach', 'deauthorize', 'unset', 'disable', 'simulate', 'validate', 'test']);
const API_DOCUMENT_LIMIT = 64 * 1024;

/**
 * A tool call to a cloud or platform API that creates or changes something (`s3_put_bucket_policy`,
 * `compute_firewalls_insert`, `nsg_rule_create`), its parameters written out as infrastructure code is: one key a
 * line, a list of plain values on its key's line, and a policy passed as JSON text opened in place. Named for the tool.
 */
function apiDocument(call: ToolCall): { path: string; added: string; removed: string } | undefined {
  if (call.kind !== 'unknown' || !isJsonObject(call.params)) return undefined;
  const words = nameWords(call.toolName);
  if (!words.some((w) => API_SETTERS.has(w)) || words.some((w) => API_READERS.has(w))) return undefined;
  const budget = { left: API_DOCUMENT_LIMIT };
  return { path: call.toolName, added: apiText(call.params, '', 0, budget), removed: '' };
}

/** JSON with the scalars of a list kept on one line and JSON passed as a string opened; bounded in depth and size. */
function apiText(v: unknown, indent: string, depth: number, budget: { left: number }): string {
  if (budget.left <= 0 || depth > 12) return 'null';
  if (typeof v === 'string') {
    if (/^\s*[{[]/.test(v) && v.length <= budget.left) {
      try {
        return apiText(JSON.parse(v) as unknown, indent, depth + 1, budget);
      } catch {
        // text that only looks like JSON stays text
      }
    }
    const text = JSON.stringify(v.slice(0, 4096));
    budget.left -= text.length;
    return text;
  }
  if (v === null || typeof v !== 'object') return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    const items = v.slice(0, 64);
    if (items.every((x) => x === null || typeof x !== 'object')) return `[${items.map((x) => apiText(x, inner, depth + 1, budget)).join(', ')}]`;
    return `[\n${items.map((x) => inner + apiText(x, inner, depth + 1, budget)).join(',\n')}\n${indent}]`;
  }
  // (a rule set's outbound half lets nothing in: `outbound_rules`, `egress`)
  const entries = Object.entries(v).filter(([k]) => !/^(?:outbound|egress)/i.test(k)).slice(0, 128);
  // a small object of plain values stays on its key's line, as a rule's `sources: {addresses: […]}` is one setting
  if (entries.length <= 2 && entries.every(([, x]) => x === null || typeof x !== 'object' || (Array.isArray(x) && x.every((y) => y === null || typeof y !== 'object')))) {
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${apiText(x, inner, depth + 1, budget)}`).join(', ')}}`;
  }
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${apiText(x, inner, depth + 1, budget)}`).join(',\n')}\n${indent}}`;
}

/** What a file's infrastructure code opens to everyone: admin ports, buckets, databases, snapshots, resource policies. */
export function infraExposures(call: ToolCall): string[] {
  const out: string[] = [];
  for (const { path, lines, doc, removed, statements: policy } of shippedEdits(call)) {
    const website = WEBSITE.test(doc) || WEBSITE.test(removed);
    const block = blockReader(lines);
    for (let k = 0; k < lines.length && out.length < 8; k++) {
      const l = lines[k]!;
      const b = WORLD_SOURCE.test(l) || /0\.0\.0\.0\/0/.test(l) ? block(k) : undefined;
      if (b && (WORLD_SOURCE.test(l) || AUTHORIZED_NETWORKS.test(b.opener))) {
        if (OUTBOUND.test(b.text) || DENIED.test(b.text)) continue;
        if (CONTROL_PLANE_SOURCE.test(l) || AUTHORIZED_NETWORKS.test(b.opener) || portsOpen(b.text)) out.push(`${path}: an admin port open to the internet (${shown(b.text)})`);
        continue;
      }
      // a snapshot or image shared with an account named in the resource (the organization's own come from its lists)
      if (/resource\s+"aws_(?:snapshot_create_volume_permission|ami_launch_permission)"/.test(l)) {
        const body = lines.slice(k + 1, k + 16).join('\n');
        const account = /\baccount_id\s*=\s*"(\d{12})"/.exec(body.slice(0, body.search(/^\}/m) >>> 0))?.[1];
        if (account) out.push(`${path}: a snapshot or image shared with account ${account}`);
      }
      const mailbox = l.includes('@') ? PERSONAL_MAILBOX.exec(l)?.[0] : undefined;
      if (mailbox && /protocol"?\s*[:=]\s*['"]?email/i.test(block(k).text)) out.push(`${path}: notifications copied to ${mailbox}`);
      for (const s of PUBLIC_SETTINGS) if (s.line.test(l) && !(website && s.website)) out.push(`${path}: ${s.what} (${shown(l)})`);
      if (EVERYONE_MEMBER.test(l)) {
        const role = block(k).text;
        if (!INVOKER.test(role) && !(website && /objectViewer|legacyObjectReader|storage\.objects\.get/.test(role))) out.push(`${path}: access for everyone (${shown(l)})`);
      }
    }
    const lb = publicLoadBalancer(doc);
    if (lb) out.push(`${path}: ${lb}`);
    const blockOff = new Set([...doc.matchAll(PUBLIC_BLOCK_OFF)].map((m) => m[0].split(/\W/, 1)[0]!.toLowerCase()));
    if (blockOff.size >= 2 && !website) out.push(`${path}: the bucket's public access block switched off`);
    for (const s of policy) {
      if (!PRINCIPAL_ANYONE.test(s.text) || DENY.test(s.text) || CONDITION.test(s.text) || ASSUME.test(s.text) || ASSUME.test(s.opener)) continue;
      if (website && /s3:GetObject/.test(s.text) && !/s3:(?:\*|Put|Delete|List)/.test(s.text)) continue;
      out.push(`${path}: a resource policy open to every principal (${shown(s.text)})`);
    }
  }
  return [...new Set(out)];
}

/** A Kubernetes Service of type LoadBalancer serving an admin or database port to the internet: no source ranges, not internal. */
function publicLoadBalancer(doc: string): string | undefined {
  for (const m of doc.split(/\n---/, 64)) {
    if (!/kind"?\s*:\s*"?Service\b/.test(m) || !/type"?\s*:\s*"?LoadBalancer/.test(m) || /internal|scheme"?\s*:\s*"?private/i.test(m)) continue;
    if (/loadBalancerSourceRanges/.test(m) && !/0\.0\.0\.0\/0|::\/0/.test(m)) continue;
    const port = [...m.matchAll(/\b(?:port|targetPort)"?\s*:\s*(\d{1,5})/g)].map((x) => Number(x[1])).find((p) => ADMIN_PORTS.has(p));
    if (port !== undefined) return `a load balancer serving port ${port} to the internet`;
  }
  return undefined;
}

/**
 * What a file's infrastructure code grants: every action on everything, a role anyone (any GitHub repository, or another
 * account without conditions) may assume, an administrator's access key, Vault's everything, cluster-admin for everyone,
 * an admin role for a personal mailbox.
 */
export function infraGrants(call: ToolCall): string[] {
  const out: string[] = [];
  for (const { path, lines, doc, removed, statements: policy } of shippedEdits(call)) {
    for (const s of policy) {
      if (DENY.test(s.text)) continue;
      if (ACTION_ALL.test(s.text) && RESOURCE_ALL.test(s.text) && !/\bPrincipal/.test(s.text)) out.push(`${path}: every action on every resource (${shown(s.text)})`);
      else if (PRINCIPAL_ANYONE.test(s.text) && !CONDITION.test(s.text) && /sts:/.test(s.text)) out.push(`${path}: a role any AWS principal may assume (${shown(s.text)})`);
    }
    // an account's principal trusted with no external id or condition, for a role that holds everything (CDK's too)
    if (ACCOUNT_PRINCIPAL.test(doc) && /sts:AssumeRole\b|assumedBy|assume_role_policy|AssumeRolePolicyDocument/.test(doc) && ADMIN_POLICY.test(doc) && !TRUST_GUARD.test(doc)) out.push(`${path}: an admin role another account may assume without conditions`);
    // GitHub's OIDC tokens trusted without naming the repository, or with a pattern any owner's repository matches
    const github = doc.includes('token.actions.githubusercontent.com');
    if (github && /AssumeRoleWithWebIdentity|web_identity|WebIdentity/.test(doc) && !/githubusercontent\.com:sub|["']sub["']/.test(doc)) out.push(`${path}: a role any GitHub repository's workflow may assume`);
    else if (/githubusercontent\.com:sub|["']sub["']|assertion\.sub/.test(doc) && /['"]repo:[\w.-]*\*|:sub"?\s*[:=]\s*\[?\s*['"]\*['"]/.test(doc)) out.push(`${path}: a role every GitHub owner's repositories may assume`);
    else if (github && /workload_identity_pool_provider|WorkloadIdentityPoolProvider/.test(doc) && !/attribute_condition|attributeCondition/.test(doc)) out.push(`${path}: a workload identity any GitHub repository may use`);
    // an administrator's user made with an access key: a standing credential that holds everything
    if (/AWS::IAM::User\b|resource\s+"aws_iam_user"|iam\.User\(|kind:\s*User\b/.test(doc) && /AWS::IAM::AccessKey|resource\s+"aws_iam_access_key"|iam\.AccessKey\(|kind:\s*AccessKey\b/.test(doc) && ADMIN_POLICY.test(doc)) out.push(`${path}: an administrator's user with an access key`);
    // an edit that adds another account to a trust or key policy's principals
    if (removed && /[Pp]rincipals?|identifiers/.test(doc)) {
      const known = new Set([...removed.matchAll(/arn:aws:iam::(\d{12})/g)].map((m) => m[1]));
      const added = [...doc.matchAll(/arn:aws:iam::(\d{12})/g)].map((m) => m[1]!).find((a) => !known.has(a));
      if (known.size > 0 && added) out.push(`${path}: trusts another account, ${added}`);
    }
    // cluster-admin bound to everyone, as an edit of the binding states it
    if (/\bcluster-admin\b/.test(doc) && /system:(?:anonymous|unauthenticated|authenticated)\b/.test(doc)) out.push(`${path}: cluster-admin for every user`);
    for (const v of vaultGrants(lines)) out.push(`${path}: ${v}`);
    // (a mailbox's pattern is costly per character: only text with an `@` is read for one)
    const mail = doc.includes('@');
    const block = blockReader(lines);
    for (let k = 0; mail && k < lines.length && out.length < 8; k++) {
      const mailbox = PERSONAL_MAILBOX.exec(lines[k]!)?.[0];
      // in the binding itself, or invited as a guest that the same file makes an owner
      if (mailbox && (ADMIN_ROLE.test(block(k).text) || (/invitation|guest/i.test(doc) && ADMIN_ROLE.test(doc)))) out.push(`${path}: an admin role for ${mailbox}`);
    }
  }
  return [...new Set(out)];
}

/** Vault policy paths that hold every secret or all of the server's controls, granted `sudo` or every write capability; tokens of the root policy. */
function vaultGrants(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < lines.length && out.length < 4; k++) {
    if (/\b(?:allowed_policies|token_policies|policies)\s*=\s*\[[^\]\n]{0,200}"root"/.test(lines[k]!)) out.push('tokens with the root policy');
    // (an operators' policy grants sudo on the named `sys/` paths it administers; everything, or all of `sys/`, is the server)
    const m = /^\s*path\s+"(\*|\+\/\*|sys\/\*)"\s*\{/.exec(lines[k]!);
    if (!m) continue;
    let caps = '';
    for (let j = k; j < lines.length && j < k + 16 && !(j > k && lines[j]!.trim() === '}'); j++) caps += lines[j];
    if (/"sudo"/.test(caps) || (/"create"/.test(caps) && /"update"/.test(caps) && /"delete"/.test(caps) && m[1] === '*')) out.push(`Vault path "${m[1]}" with ${/"sudo"/.test(caps) ? 'sudo' : 'every write'}`);
  }
  return out;
}

/** Statements that let their holder raise their own permissions: two or more such IAM actions on `*`, or any role passed to a service that runs code. */
export function infraEscalations(call: ToolCall): string[] {
  const out: string[] = [];
  for (const { path, doc, statements: policy } of shippedEdits(call)) {
    for (const s of policy) {
      if (DENY.test(s.text) || !RESOURCE_ALL_IAM.test(s.text) || CONDITION.test(s.text)) continue;
      const actions = new Set([...s.text.matchAll(ESCALATING)].map((m) => m[0].slice(1, -1)));
      if (actions.size >= 2) out.push(`${path}: ${[...actions].join(', ')} on every resource`);
    }
    const passAny = policy.some((s) => !DENY.test(s.text) && /['"]iam:PassRole['"]/.test(s.text) && RESOURCE_ALL.test(s.text) && !CONDITION.test(s.text));
    const runner = passAny ? RUNS_PASSED_ROLE.exec(doc)?.[0] : undefined;
    if (runner) out.push(`${path}: iam:PassRole on every role with ${runner.slice(1, -1)}`);
  }
  return [...new Set(out)];
}

/** Resources whose removal stops an audit record or a threat detector. */
const AUDIT_RESOURCES = /resource\s+"(?:aws_cloudtrail|aws_flow_log|aws_guardduty_detector|aws_config_configuration_recorder|aws_securityhub_account|google_logging_project_sink|azurerm_monitor_diagnostic_setting|azurerm_network_watcher_flow_log)"|Type"?\s*:\s*['"]?AWS::(?:CloudTrail::Trail|EC2::FlowLog|GuardDuty::Detector|Config::ConfigurationRecorder)/g;
/** A setting that turns auditing off, tested on each line put in; `block` or `doc`, when given, must be named by the line's block (or the file's path) or by the document. */
const AUDIT_OFF: ReadonlyArray<{ what: string; line: RegExp; block?: RegExp; doc?: RegExp }> = [
  { what: 'a trail stops logging', line: /\benable_logging\s*=\s*false|\bIsLogging"?\s*:\s*['"]?false/ },
  { what: 'GuardDuty switched off', line: /\benable\s*=\s*false|\bEnable"?\s*:\s*['"]?false/, block: /guardduty|GuardDuty/ },
  { what: 'the configuration recorder stopped', line: /\bis_enabled\s*=\s*false|\bIsEnabled"?\s*:\s*false/, block: /configuration_recorder|ConfigurationRecorder/ },
  { what: 'audit logs kept for one day', line: /\bretention_in_days\s*=\s*1\b|\bRetentionInDays"?\s*:\s*1\b/, block: /audit|trail|flow|guardduty|security|waf/i },
  { what: 'audit logs deleted after a day', line: /^\s*(?:days|noncurrent_days|ExpirationInDays)"?\s*[:=]\s*1\b/, doc: /cloudtrail|audit|trail_logs|flow_logs/i },
  { what: 'a personal account exempted from data-access audit logs', line: PERSONAL_MAIL_AT, block: /exempted_?[Mm]embers/ },
  { what: 'GuardDuty findings archived as they arrive', line: /\baction\s*=\s*"ARCHIVE"|\bAction"?\s*:\s*['"]?ARCHIVE/, doc: /guardduty|GuardDuty/ },
];

const AUDIT_GUARD = /cloudtrail:(?:StopLogging|DeleteTrail)|guardduty:(?:DeleteDetector|DisassociateFromMasterAccount)|config:(?:StopConfigurationRecorder|DeleteConfigurationRecorder)/;

/** Audit trails, flow logs and detectors an edit switches off or takes out of the infrastructure code. */
export function infraAuditOff(call: ToolCall): string[] {
  const out: string[] = [];
  for (const { path, lines, doc, removed } of shippedEdits(call)) {
    const block = blockReader(lines);
    for (let k = 0; k < lines.length && out.length < 8; k++) {
      for (const a of AUDIT_OFF) {
        if (!a.line.test(lines[k]!)) continue;
        if (a.block && !a.block.test(block(k).text) && !a.block.test(path)) continue;
        if (a.doc && !a.doc.test(doc) && !a.doc.test(path)) continue;
        out.push(`${path}: ${a.what} (${shown(lines[k]!)})`);
      }
    }
    const kept = new Set([...doc.matchAll(AUDIT_RESOURCES)].map((m) => m[0]));
    for (const m of removed.matchAll(AUDIT_RESOURCES)) if (!kept.has(m[0])) out.push(`${path}: removes ${shown(m[0])}`);
    // an audit category taken out of a diagnostic setting (Key Vault's `AuditEvent`, a cluster's `kube-audit`)
    const category = /\b(AuditEvent|kube-audit(?:-admin)?)\b/.exec(removed)?.[1];
    if (category && !doc.includes(category)) out.push(`${path}: stops sending ${category} logs`);
    // a Kubernetes audit policy whose every rule records nothing
    if (/audit\.k8s\.io/.test(doc) && /\blevel"?\s*:\s*"?None/.test(doc) && !/\blevel"?\s*:\s*"?(?:Metadata|Request|RequestResponse)/.test(doc)) out.push(`${path}: an audit policy that records nothing`);
    // an organization's guard that keeps accounts from switching their audit off, taken out
    if (/Deny/.test(removed) && AUDIT_GUARD.test(removed) && !AUDIT_GUARD.test(doc)) out.push(`${path}: removes the policy that keeps accounts from stopping their audit`);
  }
  return [...new Set(out)];
}

const SCRATCH_ENVIRONMENT = /(?:^|[/_.-])(?:dev|sandbox|scratch|playground|demo|tmp)(?:[/_.-]|$)/i;
/** Settings whose `true` is a safeguard: switched to false, the safeguard is gone. */
const PROTECTIVE = /protect|encrypt|logging|log_file_validation|multi_region|global_service|management_events|rotation|backup|point_in_time|pitr|versioning|mfa|audit|require_?ssl|ssl_?enforce|transit|at_rest|auth_token|scanning|signing|dismiss_stale|require_code_owner|enforce_admins|strict|required_signatures|require_last_push/i;
/** Settings whose `true` takes a safeguard away. */
const RISKY = /skip_final_snapshot|insecure|allow_force_push|allows_force_pushes|allows_deletions|public_network_access|anonymous|auto_?accept/i;
/** Settings whose number is a safeguard's size: lowered to 0 or 1, there is none. */
const SIZED = /retention|backup_window_days|review_count|approving|deletion_window/i;
/** A value that weakens the one it replaces, as `old → new`. */
const WEAKER = new Set(['enforce→audit', 'enforce→warn', 'deny→allow', 'restricted→privileged', 'baseline→privileged', 'all→readonly', 'required→optional', 'required→disabled', 'strict→permissive']);
const TRUE = /^(?:true|yes|on|enabled?)$/i;
const FALSE = /^(?:false|no|off|disabled?)$/i;
/** A bare `enabled: false` counts when the edit is about one of these. */
const GUARD_WORDS = /network_?policy|encrypt|logging|audit|protection|backup|tls|auth|scan|guard|firewall|waf|defender|security/i;
const SETTING = /^\s*(?:-\s+)?["']?([\w./-]{1,80})["']?\s*[:=]\s*["']?([\w.-]{1,40})["']?\s*,?\s*$/;

function settings(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of lines.slice(0, 400)) {
    const m = SETTING.exec(l);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** What an edit's new value does to the safeguard its old value kept, if it weakens it. */
function weakened(key: string, was: string, now: string, about: string): string | undefined {
  if (was === now) return undefined;
  const leaf = key.slice(key.lastIndexOf('/') + 1);
  if (TRUE.test(was) && FALSE.test(now) && (PROTECTIVE.test(leaf) || (/^enabled?$/i.test(leaf) && GUARD_WORDS.test(about)))) return `${key} switched off`;
  if (FALSE.test(was) && TRUE.test(now) && RISKY.test(leaf)) return `${key} switched on`;
  if (SIZED.test(leaf) && /^\d+$/.test(was) && /^\d+$/.test(now) && Number(now) <= 1 && Number(now) < Number(was)) return `${key} lowered to ${now}`;
  if (WEAKER.has(`${was.toLowerCase()}→${now.toLowerCase()}`)) return `${key}: ${was} → ${now}`;
  return undefined;
}

/** Safeguards an edit lowers (protections switched off, enforcement to audit, retention to nothing), and the exemptions and rules that lift them. */
export function infraSafeguardsOff(call: ToolCall): string[] {
  const out: string[] = [];
  for (const { path, lines, doc, removed } of shippedEdits(call)) {
    // a sandbox's or a dev environment's safeguards are the team's to loosen
    if (SCRATCH_ENVIRONMENT.test(path)) continue;
    if (removed) {
      const before = settings(linesOf(removed));
      for (const [key, now] of settings(lines)) {
        const was = before.get(key);
        const what = was === undefined ? undefined : weakened(key, was, now, removed.slice(0, 4096));
        if (what) out.push(`${path}: ${what}`);
      }
      if (/kind"?\s*:\s*"?NetworkPolicy/.test(removed) && !/kind"?\s*:\s*"?NetworkPolicy/.test(doc)) out.push(`${path}: removes a NetworkPolicy`);
    } else if (/prod/i.test(path)) {
      // a production resource written with two or more of its protections off (point-in-time recovery, deletion
      // protection, encryption): each alone can be a default, together they leave it bare
      const off = [...settings(lines)].filter(([key, v]) => FALSE.test(v) && PROTECTIVE.test(key.slice(key.lastIndexOf('/') + 1))).map(([key]) => key);
      if (off.length >= 2) out.push(`${path}: ${off.slice(0, 4).join(', ')} off in production`);
    }
    if (/\$patch"?\s*:\s*"?delete/.test(doc) && /NetworkPolicy/.test(doc)) out.push(`${path}: deletes a NetworkPolicy in an overlay`);
    // admission policies lifted for every namespace, resource or process
    if (/PolicyException|kind"?\s*:\s*"?Config\b|excludedNamespaces/.test(doc) && /(?:namespaces|excludedNamespaces)"?\s*:\s*(?:\[\s*|-\s*)?['"]\*['"]/.test(doc)) out.push(`${path}: admission policies lifted for every namespace`);
    // force pushes or deletion allowed on a protected main or release branch (a generated site's branch is rewritten by design)
    const block = blockReader(lines);
    for (let k = 0; k < lines.length && out.length < 8; k++) {
      if (!/\b(?:allows_force_pushes|allows_deletions)\s*=\s*true/.test(lines[k]!)) continue;
      const pattern = /\bpattern\s*=\s*"([^"]{0,100})"/.exec(block(k).text)?.[1];
      if (pattern === undefined || /main|master|release|prod|trunk|default/i.test(pattern)) out.push(`${path}: ${shown(lines[k]!)}`);
    }
  }
  return [...new Set(out)].slice(0, 8);
}
