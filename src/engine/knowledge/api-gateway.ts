/**
 * API gateways and edge proxies told to stop checking: API Gateway's authorization taken off a route or method, its
 * policy opened to every principal, its execution and access logs turned off; an Envoy's authorization, RBAC, JWT or
 * rate-limit filters switched off through its admin port's runtime, or its logging turned off.
 */
import type { SimpleCommand } from '../shell/types.js';

/** Envoy's admin endpoints that change it: a runtime key that turns an authorization or rate-limit filter off, logging off. */
const DEFENCE_OFF = String.raw`(?:runtime_modify\?[^#\s]{0,600}(?:ext_authz|rbac|jwt_authn|ratelimit|rate_limit)[\w.]{0,80}=(?:0|false)\b|logging\?(?:[^#\s]{0,200}&)?level=off\b)`;
const ENVOY_DEFENCE_OFF = new RegExp(String.raw`\/${DEFENCE_OFF}`);
/** The same through Istio's agent in the sidecar: `pilot-agent request POST 'logging?level=off'`. */
const AGENT_DEFENCE_OFF = new RegExp(String.raw`^\/?${DEFENCE_OFF}`);

/** An Envoy admin request (a URL, by network call or by curl) that switches a defence off. */
export const envoyDefenceOff = (url: string): string | undefined => ENVOY_DEFENCE_OFF.exec(url.slice(0, 2048))?.[0];

/** An API Gateway patch operation's words (`op=replace,path=/authorizationType,value=NONE`). */
const PATCH_OFF = /path=\/authorizationType,value=NONE\b|path=\/\*\/\*\/logging\/loglevel,value=OFF\b|op=remove,path=\/accessLogSettings\b/i;

/** What an `aws apigateway` or `apigatewayv2` command, an Envoy admin request by curl, or `pilot-agent request` turns off. */
export function gatewayDefenceOff(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'aws' && (a[1] === 'apigateway' || a[1] === 'apigatewayv2')) {
    const verb = a[2] ?? '';
    if (verb === 'delete-authorizer') return 'authorizer deleted';
    if (/^update-(?:method|stage|route|rest-api)$/.test(verb)) {
      const off = a.find((w) => PATCH_OFF.test(w.slice(0, 1024)));
      if (off !== undefined) return off;
      if (a.some((w, k) => a[k - 1] === '--authorization-type' && /^NONE$/i.test(w))) return 'route authorization NONE';
      if (a.some((w, k) => a[k - 1] === '--access-log-settings' && /DestinationArn=(?:,|$)/.test(w))) return 'access logs sent nowhere';
      // a resource policy that lets every principal invoke the API
      if (verb === 'update-rest-api' && a.some((w) => /path=\/policy/.test(w) && /"Effect"\s*:\s*"Allow"/.test(w.slice(0, 4096)) && /"Principal"\s*:\s*(?:"\*"|\{\s*"AWS"\s*:\s*"\*"\s*\})/.test(w.slice(0, 4096)))) return 'API policy open to every principal';
    }
    return undefined;
  }
  if (c.name === 'pilot-agent' && a[1] === 'request') return a.slice(2).map((w) => AGENT_DEFENCE_OFF.exec(w.slice(0, 1024))?.[0]).find((x) => x !== undefined);
  if (c.name === 'curl' || c.name === 'wget' || c.name === 'http' || c.name === 'xh') return a.map(envoyDefenceOff).find((x) => x !== undefined);
  return undefined;
}
