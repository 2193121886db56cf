import { describe, expect, it } from 'vitest';
import { checkGitHubSarif, validateSarif } from './helpers/sarif.js';

/** The smallest log both GitHub and the schema accept; each case below breaks one thing in a fresh copy. */
function minimalLog() {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'proxilion',
            version: '0.1.0',
            rules: [
              {
                id: 'PX-CRED-001',
                name: 'reads-ssh-private-key',
                shortDescription: { text: 'Reads an SSH private key' },
                fullDescription: { text: 'The agent read a private key from ~/.ssh.' },
                help: { text: 'Keep keys out of the agent workspace.' },
                properties: { 'security-severity': '8.5', tags: ['security'] },
              },
            ],
          },
        },
        results: [
          {
            ruleId: 'PX-CRED-001',
            level: 'error',
            message: { text: 'Reads an SSH private key: cat ~/.ssh/id_ed25519' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'transcripts/s1.jsonl' }, region: { startLine: 12 } } }],
            partialFingerprints: { primaryLocationLineHash: '0f3c9a1b2d4e5f60:1' },
          },
        ],
      },
    ],
  };
}

type Log = ReturnType<typeof minimalLog>;
type Rule = Log['runs'][0]['tool']['driver']['rules'][0];
type Result = Log['runs'][0]['results'][0];

const rule = (log: Log): Partial<Rule> => log.runs[0]!.tool.driver.rules[0]!;
const result = (log: Log): Partial<Result> => log.runs[0]!.results[0]!;

function broken(change: (log: Log) => void): Log {
  const log = minimalLog();
  change(log);
  return log;
}

describe('a minimal valid log', () => {
  it('passes the schema and the GitHub checks', () => {
    expect(validateSarif(minimalLog())).toEqual([]);
    expect(checkGitHubSarif(minimalLog())).toEqual([]);
  });
});

describe('validateSarif', () => {
  it('reports a missing version', () => {
    const { version: _, ...log } = minimalLog();
    expect(validateSarif(log)).toContain("/ must have required property 'version'");
  });

  it('reports a result without a message', () => {
    const log = broken((l) => delete result(l).message);
    expect(validateSarif(log)).toContain("/runs/0/results/0 must have required property 'message'");
  });

  it('reports a property the schema does not define', () => {
    expect(validateSarif({ ...minimalLog(), extra: true })).toContain('/ must NOT have additional properties: extra');
  });
});

describe('checkGitHubSarif', () => {
  it('reports a result without a message', () => {
    expect(checkGitHubSarif(broken((l) => delete result(l).message))).toEqual(['runs[0].results[0].message.text is missing or empty']);
  });

  it('reports a rule without a full description, which the schema allows', () => {
    const log = broken((l) => delete rule(l).fullDescription);
    expect(validateSarif(log)).toEqual([]);
    expect(checkGitHubSarif(log)).toEqual(['runs[0].tool.driver.rules[0].fullDescription.text is missing or empty']);
  });

  it.each(['11', '0', 'high', 8.5])('reports security-severity %j', (severity) => {
    const log = broken((l) => Object.assign(rule(l).properties!, { 'security-severity': severity }));
    expect(checkGitHubSarif(log)).toEqual([`runs[0].tool.driver.rules[0].properties["security-severity"] must be a string number from "0.1" to "10.0", got ${JSON.stringify(severity)}`]);
  });

  it.each([
    ['/work/transcripts/s1.jsonl', 'is absolute'],
    ['file:///work/transcripts/s1.jsonl', 'has a scheme'],
    ['transcripts\\s1.jsonl', 'has a backslash'],
  ])('reports the uri %s', (uri, problem) => {
    const log = broken((l) => (result(l).locations![0]!.physicalLocation.artifactLocation.uri = uri));
    const errors = checkGitHubSarif(log);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri "${uri}" ${problem}`);
  });

  it('reports a start line below 1, a result naming no rule and a missing fingerprint', () => {
    const log = broken((l) => {
      result(l).locations![0]!.physicalLocation.region.startLine = 0;
      result(l).ruleId = 'PX-CRED-999';
      result(l).partialFingerprints = {} as Result['partialFingerprints'];
    });
    expect(checkGitHubSarif(log)).toEqual([
      'runs[0].results[0].ruleId "PX-CRED-999" names no rule in tool.driver.rules',
      'runs[0].results[0].locations[0].physicalLocation.region.startLine must be an integer >= 1',
      'runs[0].results[0].partialFingerprints has no entry',
    ]);
  });

  it('reports a driver without a name and a log without runs', () => {
    expect(checkGitHubSarif(broken((l) => (l.runs[0]!.tool.driver.name = '')))).toEqual(['runs[0].tool.driver.name is missing or empty']);
    expect(checkGitHubSarif({ version: '2.1.0' })).toEqual(['runs is missing or empty']);
  });
});
