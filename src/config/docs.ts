import { SETTINGS, defaultText, flagName, type Setting, type SettingKey } from './settings.js';

interface Row {
  key: SettingKey;
  env: string;
  flag: string;
  default: string;
  accepts: string;
  doc: string;
}

function rows(): Row[] {
  return (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const s = SETTINGS[key] as Setting<unknown>;
    const env = s.env.map((e) => (typeof e === 'string' ? e : e.name)).join(', ');
    return { key, env, flag: flagName(s) ?? '', default: defaultText(s) ?? '', accepts: s.value.accepts, doc: s.doc };
  });
}

/** The settings reference for `proxilion config --help`. */
export function settingsHelp(): string {
  const lines = ['', 'Settings (flag > environment > policy file > default; an empty variable counts as unset):'];
  for (const r of rows()) {
    const names = [r.env, r.flag].filter(Boolean).join(', ');
    lines.push(`  ${names}${r.default ? `  [default ${r.default}]` : ''}`, `      ${r.doc}; ${r.accepts}`);
  }
  return lines.join('\n');
}

/** The same reference as the Markdown table README.md carries (a test keeps the two equal). */
export function settingsMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const code = (s: string) => (s ? s.split(', ').map((x) => `\`${x}\``).join(', ') : '');
  return [
    '| variable | flag | default | accepts | what it does |',
    '|---|---|---|---|---|',
    ...rows().map((r) => `| ${code(r.env)} | ${code(r.flag)} | ${r.default ? `\`${cell(r.default)}\`` : ''} | ${cell(r.accepts)} | ${cell(r.doc)} |`),
  ].join('\n');
}

/** How `proxilion config` shows a value: secrets never, URLs without their secret parts. */
export function redacted(s: Setting<unknown>, value: string): string {
  switch (s.secret) {
    case 'value':
      return '<redacted>';
    case 'url-password':
      return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1<redacted>@');
    case 'url-path': {
      const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/]*@)?([^/?#]*)(.*)$/i.exec(value);
      return m ? `${m[1]}${m[2]}${m[3] && m[3] !== '/' ? '/<redacted>' : ''}` : '<redacted>';
    }
    default:
      return value;
  }
}
