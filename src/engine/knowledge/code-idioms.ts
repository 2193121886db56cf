import type { CommandView, InlineScript } from '../shell/types.js';

/**
 * What interpreter code does through a library where a shell line would run a tool: screenshots, the clipboard,
 * keystrokes, sweeps of ports and hosts, the environment searched for secrets. Each a linear pattern over the code.
 */
export const CODE_IDIOMS = {
  screenCapture: /\bImageGrab\.grab\(|\bpyautogui\.screenshot\(|\bmss\(\)\.(?:grab|shot)\(|\bmss\.mss\(\)|\bscreenshot-desktop\b|\bscreenshot\(\s*\{|CGWindowListCreateImage|CGDisplayCreateImage/,
  clipboard: /\bpyperclip\.paste\(|\bclipboard_get\(|\bclipboardy\.read(?:Sync)?\(|\bNSPasteboard\b|\bClipboard\.GetText\(/,
  keystrokes: /\bkeyboard\.Listener\(|\bkeyboard\.(?:on_press|on_release|hook|read_key|record)\(|\bpyHook\b|\bpyxhook\b|\bevdev\.InputDevice\(|\b(?:u?iohook)\b|\bGetAsyncKeyState\b|\bSetWindowsHookEx/,
  /** a socket opened to a host and port: Python's, Node's, Ruby's, Lua's, Go's */
  connects: /\.connect(?:_ex)?\(|\bnet\.connect\(|\bcreateConnection\(|\bTCPSocket\.(?:new|open)\(|\bsocket\.tcp\(|\bnet\.Dial(?:Timeout)?\(/,
  /** a loop over a network, a subnet's addresses or a long run of ports: `ip_network(…).hosts()`, `"172.16.0."+i`, `range(1, 1025)`, `i<255` */
  sweeps: /\bip_network\(|\.hosts\(\)|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.["']?\s{0,4}(?:\+|\{)|\brange\(\s*\d{1,5}\s*,\s*(?:\d{3,5})\s*\)|<=?\s*(?:25[4-6]|102[45]|65535)\b|\bfor\s+\w{1,12}\s*=\s*\d{1,5}\s*,\s*\d{3,5}\b/,
  /** the container engine's socket opened by hand (`socket.connect("/var/run/docker.sock")`, `http.request({socketPath: …})`) */
  engineSocket: /(?:connect\(|socketPath\s*:|UnixConnection|unix:\/\/)\s*["']?[\w/.-]{0,64}(?:docker|containerd|podman|crio)\.sock\b/,
  /** the file tree walked for setuid files (`os.walk("/")` with `stat.S_ISUID`, `st_mode & 0o4000`) */
  setuidSearch: /\bS_ISUID\b|st_mode\s*&\s*0o?4000\b|\.mode\s*&\s*0o?4000\b/,
  /** the whole environment walked (`os.environ.items()`, `Object.entries(process.env)`, `ENV.each`, `%ENV`) */
  walksEnvironment: /\bos\.environ\.(?:items|keys)\(\)|\bObject\.(?:entries|keys)\(\s*process\.env\s*\)|\bENV\.(?:each|select|filter|to_h|keys)\b|%ENV\b|\bos\.Environ\(\)/,
  /** names that secrets go by, as a filter over the environment spells them */
  secretNames: /["'](?:KEY|TOKEN|SECRET|PASS(?:WORD)?|CRED(?:ENTIAL)?S?|API_?KEY)["']|\/[^/\n]{0,40}(?:TOKEN|SECRET|PASS|KEY)[^/\n]{0,40}\/i?/,
  /**
   * every item a client lists, deleted one by one with no filter: `[a.delete_repo(m.id) for m in a.list_models(author=…)]`,
   * `for r in api.runs(…): r.delete()` — every model, run, repository or collection of an account
   */
  deletesEveryListed: /\.(?:delete|remove)\w{0,24}\([^()\n]{0,120}\)?[^\n\]]{0,40}\bfor\s+\w{1,16}\s+in\s+[\w.]{0,80}\.(?:list|search|runs|all)\w{0,24}\([^()\n\]]{0,200}\)\s{0,4}\]|\bfor\s+\w{1,16}\s+in\s+[\w.]{0,80}\.(?:list|search|runs)\w{0,24}\([^()\n]{0,200}\)\s{0,4}:\s{0,8}[\w.]{0,80}\.(?:delete|remove)\w{0,24}\(/,
} as const;

/** The view's interpreter scripts whose code matches `idiom`, as evidence. */
export function scriptsDoing(view: CommandView | undefined, idiom: RegExp): string[] {
  return (view?.scripts ?? []).filter((s: InlineScript) => idiom.test(s.code.slice(0, 16384))).map((s) => s.code.slice(0, 160));
}
