import { distance } from './edit-distance.js';
import { parseIPv4 } from './hosts.js';

/**
 * What a person's message asks for and names, read for the sharp steps a user may ask their agent
 * to take (legitimacy.ts): "rotate svc-ci-deployer's key", "scan 10.42.8.0/24 from bastion-stg".
 * The message is read once into words and address ranges; every check after that is a set lookup
 * or a comparison of numbers, so nothing here backtracks over the text.
 */

/** Longest message read: a request for a step is written near its start. */
const MAX_MESSAGE = 16 * 1024;
/** Address ranges kept from one message. */
const MAX_RANGES = 16;
/** Names of a message a destination is compared with, as one that may imitate them. */
const MAX_NAMES = 256;
/** Longest name compared letter by letter with another (the edit distance is quadratic in it). */
const MAX_COMPARED = 64;

/** File extensions that make `name.ext` a file rather than a host (`staging.txt`, `scope.lst`). */
const FILE_EXTENSIONS = new Set(['txt', 'lst', 'list', 'csv', 'json', 'yaml', 'yml', 'xml', 'conf', 'cfg', 'ini', 'md', 'pub', 'pem', 'key']);
/** First labels of a host that many hosts share, so "staging" does not name `staging.other.example`. */
const SHARED_LABELS = new Set(['www', 'api', 'app', 'web', 'mail', 'smtp', 'vpn', 'git', 'db', 'dev', 'test', 'prod', 'stage', 'staging', 'internal', 'admin', 'portal', 'auth', 'login']);

/** Words of a negation once punctuation is gone ("don't" reads as "don t"). */
const NEGATIONS = new Set(['not', 't', 'never', 'no', 'nor', 'without']);

/** A host's own name is its first label (`db-01` of `db-01.quillstack.internal`); a bucket's is all of it. */
const ownName = (name: string): string => (name.includes('.') && !name.startsWith('.') ? name.slice(0, name.indexOf('.')) : name);

interface Range { base: number; bits: number }

/** An IPv4 address as one number, so ranges compare by arithmetic. */
function ipv4(text: string): number | undefined {
  const octets = parseIPv4(text);
  return octets && octets.reduce((n, o) => n * 256 + o, 0);
}

function rangeOf(text: string): Range | undefined {
  const slash = text.indexOf('/');
  const base = ipv4(slash < 0 ? text : text.slice(0, slash));
  if (base === undefined) return undefined;
  const bits = slash < 0 ? 32 : /^\d{1,2}$/.test(text.slice(slash + 1)) ? Number(text.slice(slash + 1)) : -1;
  return bits >= 0 && bits <= 32 ? { base, bits } : undefined;
}

const within = (inner: Range, outer: Range): boolean => {
  if (inner.bits < outer.bits) return false;
  const size = 2 ** (32 - outer.bits);
  return Math.floor(inner.base / size) === Math.floor(outer.base / size);
};

/** A user's message, read for what it asks for and what it names. */
export class Said {
  /** Lower-case tokens split at spaces and punctuation that never sits inside a host, path or account name. */
  private readonly tokens = new Set<string>();
  /** The words inside those tokens too (`ops-bastion-02.int` → ops, bastion, 02, int). */
  private readonly parts = new Set<string>();
  /** First labels of the dotted names among them: `build-01` of `build-01.int.acme.dev`. */
  private readonly dottedLabels = new Set<string>();
  /** Bucket and host names among them, by their words: what a destination may imitate. */
  private readonly lookalikeBases: Array<{ name: string; parts: string[] }> = [];
  /** Letters-only words joined by single spaces, with a space at each end, for phrase lookups. */
  private readonly prose: string;
  private readonly ranges: Range[] = [];

  constructor(message: string) {
    const text = message.slice(0, MAX_MESSAGE).toLowerCase();
    for (const raw of text.split(/[\s,;()"'`!?<>[\]{}|*]+/)) {
      // a sentence's full stop or colon is not part of the name before it
      let end = raw.length;
      while (end > 0 && (raw[end - 1] === '.' || raw[end - 1] === ':')) end--;
      const token = raw.slice(0, end);
      if (token.length === 0) continue;
      this.add(token);
      for (const part of token.split(/[-_./:@]+/).slice(0, 32)) if (part.length > 0) this.parts.add(part);
      // a path names what its parts name: "prod/analytics-etl/aws" names analytics-etl
      if (token.includes('/')) for (const part of token.split('/').slice(0, 16)) if (part.length >= 2) this.add(part);
      // "svc-ci-deployer's" names svc-ci-deployer
      if (token.endsWith('’s')) this.add(token.slice(0, -2));
      const range = this.ranges.length < MAX_RANGES ? rangeOf(token) : undefined;
      if (range) this.ranges.push(range);
    }
    // sentences kept apart by a `.` word, so a phrase never spans two and a negation never reaches into the next
    // ("the profile could not be found. Look at my ~/.aws/credentials"); a dot inside a name or a path ends nothing
    this.prose = ` ${text.split(/[.!?;]+(?=\s|$)|\n/).map((sentence) => sentence.split(/[^a-z]+/).filter((w) => w.length > 0).join(' ')).filter((x) => x.length > 0).join(' . ')} `;
  }

  private add(token: string): void {
    this.tokens.add(token);
    const dot = token.indexOf('.');
    if (dot > 0) this.dottedLabels.add(token.slice(0, dot));
    if (token.length >= 6 && /[-.]/.test(token) && !token.includes('/') && !token.includes('@') && this.lookalikeBases.length < MAX_NAMES) this.lookalikeBases.push({ name: token, parts: ownName(token).split(/[-_.]+/, 32) });
  }

  /** The first of these words or phrases (lower case, letters and spaces) that the message says, and does not say not to. */
  asks(phrases: readonly string[]): string | undefined {
    return phrases.find((p) => {
      for (let at = this.prose.indexOf(` ${p} `); at >= 0; at = this.prose.indexOf(` ${p} `, at + 1)) if (!this.negated(at)) return true;
      return false;
    });
  }

  /** Whether the user speaks of something of their own ("my access key", "mine"), not said not to. */
  saysOwn(): boolean {
    return this.asks(['my', 'mine']) !== undefined;
  }

  /** A negation among the three words before a position of the prose, in its sentence ("don't scan", "do not ever rotate", "never nmap"). */
  private negated(at: number): boolean {
    const before = this.prose.slice(Math.max(0, at - 64), at).split(' ').slice(-3);
    const start = before.lastIndexOf('.');
    return before.slice(start + 1).some((w) => NEGATIONS.has(w));
  }

  /**
   * Whether the message names this object of a call: a host by its name, or by its first label when
   * that label is its own and no other host with it is named; an address or a range, or a range
   * that holds it; a list or key file by its path, its name, or the words of its name; anything else as written.
   */
  names(object: string): boolean {
    const o = object.toLowerCase();
    if (this.tokens.has(o)) return true;
    // a file in the user's home is named as `~/…` too (`/Users/hward/.aws/credentials` by `~/.aws/credentials`)
    const home = /^\/(?:users|home)\/[^/]+\/(.+)$/.exec(o);
    if (home && this.names(`~/${home[1]}`)) return true;
    const range = rangeOf(o);
    if (range) return this.ranges.some((r) => within(range, r));
    const scheme = o.indexOf('://');
    if (scheme > 0) {
      const host = o.slice(scheme + 3).replace(/[/?#].*$/s, '').replace(/^[^@]*@/, '').replace(/:\d{1,5}$/, '');
      return host.length > 0 && this.names(host);
    }
    if (FILE_EXTENSIONS.has(o.slice(o.lastIndexOf('.') + 1))) return this.namesFile(o);
    // a repository (`owner/name`) or a path without an extension is named only as written
    if (o.includes('/')) return this.tokens.has(o.replace(/^~\//, ''));
    const at = o.lastIndexOf('@');
    if (at >= 0) return this.names(o.slice(at + 1));
    const dot = o.indexOf('.');
    if (dot <= 0) return false;
    const label = o.slice(0, dot);
    return label.length >= 3 && !SHARED_LABELS.has(label) && this.tokens.has(label) && !this.dottedLabels.has(label);
  }

  /**
   * A bucket or host name the message names that this one imitates without being it: by their own names
   * (a host's first label), the same first word and at least two words in common, with a word of its own
   * the message never says (`kestrel-mig-aurora-dr-2024` beside a named `kestrel-migration-aurora-2024`).
   */
  imitated(name: string): string | undefined {
    const own = name.toLowerCase();
    if (this.names(own)) return undefined;
    const stem = ownName(own);
    const parts = stem.split(/[-_.]+/, 32).filter((p) => p.length > 0);
    // (a number of its own is a sibling of a numbered series, `ci-runner-02` beside `ci-runner-01`, not a word)
    if (parts.length < 2 || parts.every((p) => this.parts.has(p) || /^\d+$/.test(p))) return undefined;
    for (const named of this.lookalikeBases) {
      // the same host in another domain spelling (`db-01` of `db-01.quillstack.internal`) imitates nothing
      if (named.parts[0] !== parts[0] || named.parts.join('-') === parts.join('-')) continue;
      const shared = parts.filter((p) => named.parts.includes(p)).length;
      if (shared >= 2 && shared * 2 >= named.parts.length) return named.name;
    }
    return undefined;
  }

  /**
   * A name the message gives that `name` misspells by one letter, not by a number (`halycon-pay` for a named
   * `halcyon-pay`, not `svc-02` for `svc-01`). A name the message gives itself misspells nothing.
   */
  misspelled(name: string): string | undefined {
    const own = name.toLowerCase();
    if (own.length < 5 || own.length > MAX_COMPARED || this.tokens.has(own)) return undefined;
    const letters = own.replace(/\d+/g, '');
    for (const t of this.tokens) {
      if (t.length < 5 || t.length > MAX_COMPARED || t[0] !== own[0] || t.replace(/\d+/g, '') === letters) continue;
      // a prose word's plural ("a devcontainer" for `devcontainers/…`) is that word; a compound name's is a look-alike
      if ((own === `${t}s` || t === `${own}s`) && !/[-_.]/.test(t)) continue;
      if (distance(own, t, 1) <= 1) return t;
    }
    return undefined;
  }

  private namesFile(path: string): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name.length === 0) return false;
    if (this.tokens.has(name) || this.tokens.has(path.replace(/^~\//, ''))) return true;
    const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
    const parts = stem.split(/[-_.]+/).filter((p) => p.length >= 2);
    return parts.length > 0 && parts.every((p) => this.prose.includes(` ${p} `) || this.tokens.has(p));
  }
}
