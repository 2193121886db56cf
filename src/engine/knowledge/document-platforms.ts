import { isJsonObject, type ToolCall } from '../toolcall.js';
import { classifyHost, destinationOf, firstUrl, urlPath } from './hosts.js';
import { siteOf } from './telemetry-config.js';
import { EMAIL_ADDRESS, PERSONAL_MAILBOX } from './payloads.js';
import { isStagingPath } from './paths.js';
import type { RequestPattern } from './request-table.js';
import { readBusinessCall, type Vendors } from './business-call.js';
import { memoizeOn } from './memo.js';

/**
 * Where a team keeps its documents, changed through the services' APIs or their MCP servers: Google Drive, Docs and
 * Vault, Dropbox, Box, OneDrive and SharePoint through Microsoft Graph, Notion and Confluence. The readers below
 * answer what a call gives away or takes away of those documents: opened to outsiders or to anyone with a link, held
 * records and audit trails released, files deleted past the trash, an administrator made, a document's bank details
 * swapped. Everyday work (files listed, read, written, shared with colleagues, one file trashed) is none of these.
 */

/** A file, folder or drive opened to people outside the organization, or to anyone with its link (PX-CALL-087). */
export const DOCUMENTS_OPENED: readonly RequestPattern[] = [
  // (one file readable at its link is an alert, PX-CALL-091; made findable on the web, or writable, it is published)
  { what: 'a file anyone on the web can find or edit', method: ['POST'], path: /^\/drive\/v[23]\/files\/[^/]+\/permissions$/, body: /^(?=[\s\S]*"type"\s*:\s*"anyone")(?=[\s\S]*(?:"allowFileDiscovery"\s*:\s*true|"role"\s*:\s*"(?:writer|fileOrganizer|organizer)"))/ },
  // (a shared drive's id starts with 0A: a permission there opens the whole drive)
  { what: 'a shared drive opened to anyone with its link', method: ['POST'], path: /^\/drive\/v[23]\/files\/0a[\w-]{8,40}\/permissions$/, body: /"type"\s*:\s*"anyone"/ },
  { what: 'links anyone can open, for several files at once', method: ['POST'], path: /^\/batch\/drive\/v[23]$/, body: /"type"\s*:\s*"anyone"/ },
  { what: 'a shared drive opened to people outside the organization', method: ['PATCH'], path: /^\/drive\/v[23]\/drives\/[^/]+$/, body: /"(?:domainUsersOnly|driveMembersOnly)"\s*:\s*false/ },
  { what: "every change in every shared drive reported to an address", method: ['POST'], path: /^\/drive\/v[23]\/changes\/watch$/, query: /[?&]includeItemsFromAllDrives=true/i },
  // (a folder has no extension to its name; one file's public link is an alert)
  { what: 'a public link to a whole folder', method: ['POST'], path: /^\/2\/sharing\/create_shared_link(?:_with_settings)?$/, body: /^(?=[\s\S]*"(?:requested_visibility|audience)"\s*:\s*"public")(?=[\s\S]*"path"\s*:\s*"(?:[^"\\]{0,1024}\/)?[^"\\/.]{1,255}")/ },
  { what: "a shared folder's members or links opened to anyone", method: ['POST'], path: /^\/2\/sharing\/update_folder_policy$/, body: /"(?:member_policy|shared_link_policy)"\s*:\s*"anyone"/ },
  { what: 'a whole folder at a link anyone can open', method: ['PUT'], path: /^\/2\.0\/folders\/\d+$/, body: /"shared_link"\s*:\s*\{[^}]{0,200}"access"\s*:\s*"open"/ },
  { what: 'an invitation anyone holding its link can use without signing in', method: ['POST'], path: /^\/(?:v1\.0|beta)\/(?:me\/drive|drives\/[^/]+|users\/[^/]+\/drive|sites\/[^/]+\/drive)\/items\/[^/]+\/invite$/, body: /"requireSignIn"\s*:\s*false/ },
  { what: 'an application given full control of a site', method: ['POST', 'PATCH'], path: /^\/(?:v1\.0|beta)\/sites\/[^/]+\/permissions(?:\/[^/]+)?$/, body: /"roles"\s*:\s*\[[^\]]{0,200}"(?:fullcontrol|owner)"/i },
  { what: 'every site shareable with anyone, or guests let share onwards', method: ['PATCH'], path: /^\/(?:v1\.0|beta)\/admin\/sharepoint\/settings$/, body: /"sharingCapability"\s*:\s*"externalUserAndGuestSharing"|"isResharingByExternalUsersEnabled"\s*:\s*true/ },
  { what: "a page's view and edit restrictions removed", method: ['PUT', 'DELETE'], path: /^(?:\/wiki)?\/rest\/api\/content\/\d+\/restriction$/, body: /^\s*(?:\[\s*\])?\s*$/ },
];

/** Legal holds, retention, audit trails and security alerts of a document platform released or cut (PX-CALL-088). */
export const RECORDS_UNKEPT: readonly RequestPattern[] = [
  { what: 'a legal hold removed', method: ['DELETE'], host: /^vault\.googleapis\.com$/, path: /^\/v1\/matters\/[^/]+\/holds\/[^/]+$/ },
  { what: 'a legal matter closed', method: ['POST'], host: /^vault\.googleapis\.com$/, path: /^\/v1\/matters\/[^/]+:close$/ },
  { what: 'a legal matter deleted', method: ['DELETE'], host: /^vault\.googleapis\.com$/, path: /^\/v1\/matters\/[^/:]+$/ },
  { what: 'a security alert deleted', method: ['DELETE'], host: /^alertcenter\.googleapis\.com$/, path: /^\/v1(?:beta1)?\/alerts\/[^/]+$/ },
  { what: 'a legal hold released', method: ['POST'], path: /^\/2\/team\/legal_holds\/release_policy$/ },
  { what: 'a legal hold removed', method: ['DELETE'], path: /^\/2\.0\/legal_hold_polic(?:ies|y_assignments)\/\d+$/ },
  { what: 'a retention policy retired', method: ['PUT'], path: /^\/2\.0\/retention_policies\/\d+$/, body: /"status"\s*:\s*"retired"/ },
  { what: 'a retention policy taken off what it kept', method: ['DELETE'], path: /^\/2\.0\/retention_policy_assignments\/\d+$/ },
  { what: 'a retention label deleted', method: ['DELETE'], path: /^\/(?:v1\.0|beta)\/security\/labels\/retentionlabels\/[^/]+$/ },
  { what: "an item's retention label removed", method: ['DELETE'], path: /^\/(?:v1\.0|beta)\/(?:me\/drive|drives\/[^/]+|sites\/[^/]+\/drive)\/items\/[^/]+\/retentionlabel$/ },
  { what: 'a legal hold removed', method: ['DELETE'], path: /^\/(?:v1\.0|beta)\/security\/cases\/ediscoverycases\/[^/]+\/legalholds?(?:\/[^/]+)?$/ },
  { what: 'an eDiscovery case closed', method: ['POST'], path: /^\/(?:v1\.0|beta)\/security\/cases\/ediscoverycases\/[^/]+\/microsoft\.graph\.security\.close$/ },
  { what: 'an eDiscovery case deleted', method: ['DELETE'], path: /^\/(?:v1\.0|beta)\/security\/cases\/ediscoverycases\/[^/]+$/ },
  { what: "the tenant's audit feed stopped", method: ['POST'], path: /^\/api\/v1\.0\/[^/]+\/activity\/feed\/subscriptions\/stop$/ },
  { what: 'the audit log kept a week or less', method: ['PUT'], path: /^(?:\/wiki)?\/rest\/api\/audit\/retention$/, body: /^(?=[\s\S]*"number"\s*:\s*[0-7]\s*[,}])(?=[\s\S]*"units"\s*:\s*"(?:DAYS|HOURS|MINUTES)")/i },
];

/** Files deleted past the trash, a drive's trash emptied, earlier versions erased (PX-CALL-089). */
export const DOCUMENTS_DESTROYED: readonly RequestPattern[] = [
  { what: "a shared drive's trash emptied", method: ['DELETE'], path: /^\/drive\/v[23]\/files\/trash$/, query: /[?&]driveId=/ },
  { what: "a file's earlier version deleted", method: ['DELETE'], path: /^\/drive\/v[23]\/files\/[^/]+\/revisions\/[^/]+$/ },
  { what: 'a shared drive deleted with everything in it', method: ['DELETE'], path: /^\/drive\/v[23]\/drives\/[^/]+$/, query: /[?&]allowItemDeletion=true/i },
  { what: 'deleted past the trash', method: ['POST'], path: /^\/2\/files\/permanently_delete$/ },
  { what: 'deleted from the trash, past recovery', method: ['DELETE'], path: /^\/2\.0\/(?:folders|files)\/\d+\/trash$/ },
  { what: "a site's recycle bin emptied", method: ['POST'], path: /^(?:\/sites\/[^/]+)?\/_api\/(?:web|site)\/recyclebin\/(?:deleteall|deleteallsecondstageitems)\(\)$/ },
  { what: "every earlier version of a file deleted", method: ['POST'], path: /^(?:\/sites\/[^/]+)?\/_api\/web\/getfileby(?:serverrelativeurl|serverrelativepath|id)\(.{1,1024}\)\/versions\/deleteall\(\)$/ },
  { what: 'a page purged past the trash', method: ['DELETE'], path: /^(?:\/wiki)?\/(?:api\/v2\/(?:pages|blogposts)|rest\/api\/content)\/\d+$/, query: /[?&](?:purge=true|status=trashed)/i },
];

/** Document changes one person may well have asked for, worth confirming (PX-CALL-091). */
export const DOCUMENT_CHANGES: readonly RequestPattern[] = [
  { what: 'a link anyone can open', method: ['POST'], path: /^\/drive\/v[23]\/files\/[^/]+\/permissions$/, body: /"type"\s*:\s*"anyone"/ },
  { what: 'the trash emptied', method: ['DELETE'], path: /^\/drive\/v[23]\/files\/trash$/ },
  { what: 'a folder deleted with everything in it', method: ['DELETE'], path: /^\/2\.0\/folders\/\d+$/, query: /[?&]recursive=true/i },
  { what: 'a file at a link anyone can open', method: ['PUT'], path: /^\/2\.0\/files\/\d+$/, body: /"shared_link"\s*:\s*\{[^}]{0,200}"access"\s*:\s*"open"/ },
  { what: 'a public link', method: ['POST'], path: /^\/2\/sharing\/create_shared_link(?:_with_settings)?$/, body: /"(?:requested_visibility|audience)"\s*:\s*"public"/ },
  { what: 'an outside domain allowed to collaborate', method: ['POST'], path: /^\/2\.0\/collaboration_whitelist_entries$/ },
  { what: "a user's whole content handed to another user", method: ['PUT'], path: /^\/2\.0\/users\/\d+\/folders\/0$/ },
  { what: 'every closed file request deleted', method: ['POST'], path: /^\/2\/file_requests\/delete_all_closed$/ },
  { what: 'a group and its files opened to the whole organization', method: ['PATCH'], path: /^\/(?:v1\.0|beta)\/groups\/[^/]+$/, body: /"visibility"\s*:\s*"Public"/ },
];

/** An administrator of a document platform made through its API (PX-CALL-090). */
export const DOCUMENT_ADMINS: readonly RequestPattern[] = [
  { what: 'a team administrator made', method: ['POST'], path: /^\/2\/team\/members\/set_admin_permissions(?:_v2)?$/, body: /"(?:new_role|new_roles)"[\s\S]{0,200}"team_admin"/ },
  { what: 'an account made an administrator', method: ['PUT'], path: /^\/2\.0\/users\/\d+$/, body: /"role"\s*:\s*"(?:admin|coadmin)"/ },
  { what: 'a site collection administrator made', method: ['POST', 'PATCH', 'MERGE'], path: /^(?:\/sites\/[^/]+)?\/_api\/web\/(?:getuserbyid\(\d+\)|siteusers(?:\/getbyid\(\d+\)|\(@v\)|\/getbyloginname\(.{1,512}\))?)$/, body: /"IsSiteAdmin"\s*:\s*true/i },
  { what: "a space's administration given", method: ['POST'], path: /^(?:\/wiki)?\/rest\/api\/space\/[^/]+\/permission$/, body: /"key"\s*:\s*"administer"/ },
];

/** The platforms, by the names their MCP servers go by, with the domains their APIs answer on. */
const GOOGLE = ['googleapis.com'];
const MICROSOFT = ['graph.microsoft.com', 'sharepoint.com'];
const DOCUMENTS: Vendors = {
  byServer: new Map([
    ['gdrive', GOOGLE], ['google_drive', GOOGLE], ['google-drive', GOOGLE], ['google_workspace', GOOGLE], ['google-workspace', GOOGLE], ['gworkspace', GOOGLE], ['gdocs', GOOGLE],
    ['dropbox', ['dropboxapi.com', 'dropbox.com']], ['box', ['box.com']],
    ['ms365', MICROSOFT], ['microsoft365', MICROSOFT], ['m365', MICROSOFT], ['onedrive', MICROSOFT], ['sharepoint', MICROSOFT],
    ['notion', ['notion.com']], ['atlassian', ['atlassian.net', 'atlassian.com']], ['confluence', ['atlassian.net']],
  ]),
  api: /\/\/(?:[\w-]+\.)*(?:googleapis\.com|dropboxapi\.com|box\.com|graph\.microsoft\.com|sharepoint\.com|notion\.com|atlassian\.net|atlassian\.com)(?:[:/]|$)/,
};

/** A call to one of these platforms, read once: its operation's words, parameters and query. */
const documentCall = memoizeOn((call: ToolCall) => readBusinessCall(call, DOCUMENTS));

/** The organization's own domain as an MCP call names it: Google Workspace's `user_google_email`. */
const ownDomain = (p: Record<string, unknown>) => (typeof p.user_google_email === 'string' ? /@([\w.-]{1,253})$/.exec(p.user_google_email)?.[1]?.toLowerCase() : undefined);

/** A request that says it tells no one: Drive's `sendNotificationEmail=false`, Box's `notify=false`, Dropbox's `quiet`. */
const SILENT = /"(?:send_?notification(?:_?email)?|sendInvitation|send_welcome_email|notify)"\s*:\s*false|"quiet"\s*:\s*true|[?&](?:sendNotificationEmail|notify)=false/i;
/** A role that manages or edits what it is given. */
const MANAGING_ROLE = /"(?:role|access_level|roles)"\s*:\s*\[?\s*"(?:owner|co-owner|organizer|fileOrganizer|writer|editor|write|fullcontrol)"/i;

/**
 * Documents shared with a personal mailbox to manage or edit them, or quietly (no notification); or, by a Workspace
 * tool that names the user's own domain, several files quietly to another domain (PX-CALL-087).
 */
export function sharedOutQuietly(call: ToolCall): string | undefined {
  const f = documentCall(call);
  if (!f || !f.words.some((w) => SHARE_WORDS.has(w))) return undefined;
  const { params } = f;
  const text = `${f.json}\n?${f.query}`;
  const silent = SILENT.test(text);
  const mailbox = PERSONAL_MAILBOX.exec(text)?.[0];
  if (mailbox !== undefined && (silent || MANAGING_ROLE.test(text))) return `${mailbox}${silent ? ', without telling anyone' : ''}`;
  // (a Workspace MCP call knows whose domain the files are: a batch of them given quietly to another one)
  const own = isJsonObject(params) ? ownDomain(params) : undefined;
  if (own === undefined || !silent || !isJsonObject(params) || !Array.isArray(params.file_ids) || params.file_ids.length < 3) return undefined;
  const outside = [...text.matchAll(new RegExp(EMAIL_ADDRESS.source, 'g'))].map((m) => m[0]).find((a) => !a.toLowerCase().endsWith(`@${own}`) && !a.toLowerCase().endsWith(`.${own}`));
  return outside !== undefined ? `${params.file_ids.length} files to ${outside}, without telling anyone` : undefined;
}
const SHARE_WORDS: ReadonlySet<string> = new Set(['share', 'sharing', 'permission', 'permissions', 'collaborations', 'collaboration', 'invite', 'add', 'members', 'member']);

/** A permission anyone with the link can use to edit, set on an existing one by an MCP tool (`permission_id: "anyoneWithLink"`). */
export function anyoneMayEdit(call: ToolCall): string | undefined {
  if (call.kind !== 'unknown' || !documentCall(call) || !isJsonObject(call.params)) return undefined;
  const p = call.params;
  return p.permission_id === 'anyoneWithLink' && typeof p.role === 'string' && /^(?:writer|editor|organizer|fileOrganizer|owner)$/.test(p.role) ? `${call.toolName}: anyone with the link as ${p.role}` : undefined;
}

/** An account number as written in a document: an IBAN, grouped or not (`GB29 NWBK 6016 1331 9268 19`). */
const IBAN = /\b[A-Z]{2}\d{2}(?:(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?|[A-Z0-9]{11,30})\b/;

/**
 * A document's bank details replaced: a find-and-replace of one IBAN with another (Docs' `replaceAllText`), or an edit
 * that rewrites the beneficiary's account (`selection: "Beneficiary IBAN…"`, `new_str: "…DE44 5001…"`) (PX-CALL-092).
 */
export function bankDetailsSwapped(call: ToolCall): string | undefined {
  const doc = documentCall(call);
  if (!doc || !doc.words.some((w) => EDIT_WORDS.has(w))) return undefined;
  const found = new Set<string>();
  const walk = (v: unknown, key: string, depth: number): void => {
    if (depth > 6 || found.size > 4) return;
    if (typeof v === 'string') { if (v.length < 4096 && (IBAN.test(v) || (OLD_TEXT_KEYS.test(key) && /\b(?:IBAN|account number|sort code|routing)\b/i.test(v)))) found.add(OLD_TEXT_KEYS.test(key) ? 'old' : NEW_TEXT_KEYS.test(key) ? 'new' : 'other'); return; }
    if (Array.isArray(v)) { for (const x of v.slice(0, 64)) walk(x, key, depth + 1); return; }
    if (isJsonObject(v)) for (const [k, x] of Object.entries(v).slice(0, 64)) walk(x, k, depth + 1);
  };
  walk(doc.params, '', 0);
  return found.has('old') && found.has('new') ? 'bank account details replaced in a document' : undefined;
}
const EDIT_WORDS: ReadonlySet<string> = new Set(['batchupdate', 'update', 'edit', 'modify', 'replace', 'patch']);
/** The text an edit looks for, and the text it puts in its place. */
const OLD_TEXT_KEYS = /^(?:text|containsText|selection_with_ellipsis|old_str|old_text|find|search)$/i;
const NEW_TEXT_KEYS = /^(?:replaceText|new_str|new_text|replacement|replace|content)$/i;

/** A document tool saving a download into a hidden folder under a temp directory (`save_path: /tmp/.cache/…`) (PX-CALL-091). */
export function downloadedToHiddenTemp(call: ToolCall): string | undefined {
  if (call.kind !== 'unknown' || !documentCall(call) || !isJsonObject(call.params)) return undefined;
  const to = [call.params.save_path, call.params.local_path, call.params.destination, call.params.output_path].find((v): v is string => typeof v === 'string');
  return to !== undefined && to.length < 4096 && /\/\./.test(to) && isStagingPath(to) ? `${call.toolName}: saved to ${to}` : undefined;
}

/** A Graph batch's DELETE of a drive's item (`{"method": "DELETE", "url": "/drives/b!…/items/01ZQ…"}`), either order. */
const DRIVE_ITEM_DELETE = /"method"\s*:\s*"DELETE"\s*,\s*"url"\s*:\s*"\/(?:me\/drive|drives|sites|users\/[^/"]{1,128}\/drive)\/|"url"\s*:\s*"\/(?:me\/drive|drives|sites|users\/[^/"]{1,128}\/drive)\/[^"]{0,512}"\s*,\s*"method"\s*:\s*"DELETE"/gi;

/** Several deletions in one request: Dropbox's `delete_batch` of three paths or more, a Graph `$batch` deleting three drive items (PX-CALL-089). */
export function deletedInBatch(call: ToolCall): string | undefined {
  if (call.kind !== 'network' || call.method !== 'POST') return undefined;
  const path = urlPath(call.url).toLowerCase();
  const body = (call.body ?? '').slice(0, 65536);
  const count = path === '/2/files/delete_batch' || path === '/2/files/delete_batch/v2' ? (body.match(/"path"\s*:/g) ?? []).length
    : /^\/(?:v1\.0|beta)\/\$batch$/.test(path) ? (body.match(DRIVE_ITEM_DELETE) ?? []).length
    : 0;
  return count >= 3 ? `${call.method} ${call.url.slice(0, 120)}: ${count} deletions` : undefined;
}

/**
 * A self-hosted wiki's or tracker's webhook for its pages and attachments pointed at another organization's address
 * (`POST wiki.acme.eu/rest/webhooks/1.0/webhook {"url": "https://hooks.sync-mirror.cc/cf", "events": ["page_created", …]}`):
 * every page written from then on is sent there (PX-CALL-087). A hook to the wiki's own domain, or inside the network,
 * is the team's automation.
 */
export function contentHookedOut(call: ToolCall): string | undefined {
  if (call.kind !== 'network' || call.method !== 'POST' || !/^(?:\/[\w-]{1,32})?\/rest\/(?:webhooks\/1\.0\/webhook|api\/webhooks?)$/.test(urlPath(call.url).toLowerCase())) return undefined;
  const body = (call.body ?? '').slice(0, 16384);
  const hook = firstUrl(body);
  const host = destinationOf(call.url)?.host ?? '';
  const to = hook === undefined ? undefined : destinationOf(hook)?.host;
  if (to === undefined || !/"(?:page|blog|attachment|comment|space)_\w{1,32}"/.test(body) || classifyHost(to) === 'private' || classifyHost(to) === 'loopback') return undefined;
  return siteOf(to) !== siteOf(host) ? `${call.method} ${call.url.slice(0, 120)}: pages sent to ${to}` : undefined;
}
