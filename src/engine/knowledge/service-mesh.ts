/**
 * Service meshes (Istio, Linkerd) as the manifests and patches applied to them say: mutual TLS turned off or made
 * optional, authorization opened to every caller, a service's traffic copied or sent to a host outside the cluster, a
 * filter that copies credentials out or removes the authorization check, access logs switched off. Read from YAML or
 * JSON text with bounded, line-anchored patterns; what is not written plainly is not guessed at.
 */

import type { SimpleCommand } from '../shell/types.js';
import { KUBECTL_VALUED } from '../shell/command-args.js';

const MAX_TEXT = 64 * 1024;

/** A host inside the cluster: a short service name, `svc.cluster.local`, `*.local`, or a mesh-internal `.mesh`/`.consul`. */
const inCluster = (host: string) => !host.includes('.') || /\.(?:svc(?:\.cluster\.local)?|cluster\.local|local|internal|mesh|consul)$/.test(host);

/** Each YAML document of a manifest (a JSON patch is one). */
const documents = (text: string) => text.slice(0, MAX_TEXT).split(/^---[ \t]*$/m, 32);

const kindOf = (doc: string) => /^kind:\s*"?([A-Za-z]{1,64})"?\s*$/m.exec(doc)?.[1];
const namespaceOf = (doc: string) => /^ {2}namespace:\s*"?([\w.-]{1,64})"?\s*$/m.exec(doc)?.[1];

/** Istio's and Linkerd's own namespaces: a policy there applies to the whole mesh. */
const MESH_ROOT = new Set(['istio-system', 'linkerd']);

/**
 * What a manifest or patch does to the mesh's defences, described; undefined when it does none of these. Each check is
 * one a mesh's own documentation names as weakening: PeerAuthentication's DISABLE (PERMISSIVE mesh-wide), an ALLOW
 * rule that is `{}` or lets in `*`, Linkerd's networks of every address, a mirror or in-cluster route sent outside, an
 * EnvoyFilter that removes an authorization filter or whose Lua calls out with a request's credentials, access logging
 * disabled for the mesh, TLS turned off toward every host.
 */
export function meshWeakened(text: string): string | undefined {
  for (const doc of documents(text)) {
    const kind = kindOf(doc);
    const ns = namespaceOf(doc);
    // (a patch names no kind: `{"spec":{"mtls":{"mode":"PERMISSIVE"}}}` is still PeerAuthentication's field)
    const mtls = /^([ \t]*)mtls:[ \t]*\n\1[ \t]+mode:\s*"?(DISABLE|PERMISSIVE)\b|"mtls"\s*:\s*\{\s*"mode"\s*:\s*"(DISABLE|PERMISSIVE)"/m.exec(doc);
    const mode = mtls?.[2] ?? mtls?.[3];
    if (mode === 'DISABLE' || (mode === 'PERMISSIVE' && (ns === undefined || MESH_ROOT.has(ns) || !/^ {2}selector:/m.test(doc)))) return `mutual TLS ${mode}${ns ? ` in ${ns}` : ''}`;
    if (kind === 'AuthorizationPolicy' && !/^ {2}action:\s*"?(?:DENY|AUDIT|CUSTOM)\b/m.test(doc)) {
      if (/^[ \t]*-[ \t]*\{[ \t]*\}[ \t]*$/m.test(doc)) return 'an ALLOW rule that matches every request';
      if (/^[ \t]*(?:principals|namespaces|ipBlocks|remoteIpBlocks):[ \t]*\[[ \t]*"(?:\*|0\.0\.0\.0\/0)"[ \t]*\]|^[ \t]*(?:principals|namespaces|ipBlocks|remoteIpBlocks):[ \t]*\n[ \t]*-[ \t]*"?(?:\*|0\.0\.0\.0\/0)"?[ \t]*$/m.test(doc)) return 'an ALLOW rule for every principal';
      // Istio's rules name callers under `from`; a rule with none lets every caller reach what `to` names (Linkerd's
      // AuthorizationPolicy names them as required authentications instead)
      if (/^ {2}rules:/m.test(doc) && !/^[ \t]*-?[ \t]*from:/m.test(doc) && /paths:\s*\[\s*"\/\*"\s*\]|-\s*"\/\*"/.test(doc)) return 'an ALLOW rule for every caller on every path';
    }
    if (kind === 'NetworkAuthentication' && /cidr:\s*"?(?:0\.0\.0\.0\/0|::\/0)/.test(doc)) return 'network authentication for every address';
    if (kind === 'Server' && /accessPolicy:\s*"?all-unauthenticated/.test(doc)) return 'a server open to unauthenticated clients';
    if (kind === 'VirtualService') {
      const mirror = /^[ \t]*mirror:[ \t]*\n[ \t]+host:\s*"?([\w.-]{1,253})"?/m.exec(doc)?.[1];
      if (mirror !== undefined && !inCluster(mirror)) return `traffic mirrored to ${mirror}`;
      // a route for a service inside the cluster sent to a host outside it
      const own = [...doc.matchAll(/^[ \t]*-[ \t]*"?([\w.-]{1,253}\.svc\.cluster\.local)"?[ \t]*$/gm)].length > 0;
      const outside = [...doc.matchAll(/^[ \t]*-?[ \t]*destination:[ \t]*\n[ \t]+host:\s*"?([\w.-]{1,253})"?/gm)].map((m) => m[1]!).find((h) => !inCluster(h));
      if (own && outside !== undefined) return `a cluster service routed to ${outside}`;
    }
    if (kind === 'EnvoyFilter') {
      if (/operation:\s*"?REMOVE\b/.test(doc) && /envoy\.filters\.http\.(?:ext_authz|rbac|jwt_authn|oauth2)\b/.test(doc)) return 'an authorization filter removed';
      if (/inlineCode:/.test(doc) && /httpCall\s*\(/.test(doc) && /get\(\s*["'](?:authorization|cookie|x-api-key|proxy-authorization)["']\s*\)/i.test(doc)) return "a Lua filter that sends requests' credentials elsewhere";
    }
    if (kind === 'Telemetry' && (ns === undefined || MESH_ROOT.has(ns)) && /accessLogging:[\s\S]{0,400}?disabled:\s*true/.test(doc)) return 'access logging disabled for the mesh';
    if (kind === 'DestinationRule' && /^ {2}host:\s*"?\*(?:\.local)?"?\s*$/m.test(doc) && /tls:[ \t]*\n[ \t]+mode:\s*"?DISABLE\b/.test(doc)) return 'TLS disabled toward every host';
    // the mesh's own settings (the `istio` ConfigMap's `mesh`): no access log
    if (/accessLogFile:\s*(?:""|''|\\"\\")\s*(?:\\n|$)/m.test(doc)) return 'the mesh access log turned off';
  }
  return undefined;
}

/** `istioctl install --set meshConfig.accessLogFile=''`: the same mesh settings given on the command line. */
export function meshSettingsWeakened(argv: readonly string[]): string | undefined {
  return argv.find((w) => /^meshConfig\.accessLogFile=(?:''|"")?$/.test(w));
}

/** The mesh's signing keys, kept as Kubernetes secrets: Istio's plugged-in CA (`cacerts`) and its own, Linkerd's issuer. */
const MESH_CA_SECRETS = new Set(['cacerts', 'istio-ca-secret', 'linkerd-identity-issuer']);
/** A jsonpath or template that selects certificates, public by design (`{.data.root-cert\\.pem}`), when it names no key. */
const CERTIFICATES_ONLY = /^(?:jsonpath|go-template)=.*(?:root-cert|ca-cert|cert-chain|ca\\?\.crt|tls\\?\.crt)/;

/**
 * The mesh's signing key read from the cluster: `kubectl get secret cacerts -n istio-system -o yaml`, Linkerd's
 * issuer secret, or every secret of the mesh's own namespace at once. Whoever holds it mints certificates for any
 * workload and is trusted as that workload by every other. Only a certificate selected by jsonpath is public.
 */
export function meshCaKeyRead(c: SimpleCommand): string | undefined {
  if (c.name !== 'kubectl' && c.name !== 'oc') return undefined;
  const words: string[] = [];
  let ns: string | undefined;
  let output: string | undefined;
  for (let k = 1; k < c.argv.length && k < 64; k++) {
    const w = c.argv[k]!;
    const value = KUBECTL_VALUED.has(w) ? c.argv[++k] : /^--?[\w-]+=/.test(w) ? w.slice(w.indexOf('=') + 1) : undefined;
    const flag = KUBECTL_VALUED.has(w) ? w : w.slice(0, w.indexOf('='));
    if (value !== undefined && (flag === '-n' || flag === '--namespace')) ns = value;
    else if (value !== undefined && (flag === '-o' || flag === '--output')) output = value;
    else if (!w.startsWith('-')) words.push(w);
  }
  if (words[0] !== 'get' || !/^secrets?$/.test(words[1] ?? '') || (output !== undefined && CERTIFICATES_ONLY.test(output.slice(0, 512)) && !/key/i.test(output))) return undefined;
  const named = words.slice(2).find((n) => MESH_CA_SECRETS.has(n));
  if (named !== undefined) return `${named} secret`;
  return words.length === 2 && ns !== undefined && MESH_ROOT.has(ns) && output !== undefined && /^(?:json|yaml)$/.test(output) ? `every secret of ${ns}` : undefined;
}
