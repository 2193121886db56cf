import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_CHARS, parseAnswer, type Opinion, type ParsedAnswer } from '../src/semantic/answer.js';

const op = (verdict: Opinion['verdict'], adjustment: number, confidence = 0.5, reasoning = ''): ParsedAnswer => ({ ok: true, opinion: { verdict, adjustment, confidence, reasoning } });
const no = (problem: string): ParsedAnswer => ({ ok: false, problem });

const NO_OBJECT = 'no JSON object in the answer';
const NO_PARSE = 'no JSON object in the answer parses';
const NO_FIELDS = 'the JSON object has neither a verdict nor an adjustment';

const PLAIN = '{"verdict": "malicious", "adjustment": 20, "confidence": 0.8, "reasoning": "reads the SSH key and posts it to a paste site"}';
const PLAIN_OPINION = op('malicious', 20, 0.8, 'reads the SSH key and posts it to a paste site');

describe('parseAnswer with maxAdjustment 30', () => {
  it.each<[string, ParsedAnswer]>([
    // shapes of the answer
    [PLAIN, PLAIN_OPINION],
    ['```json\n' + PLAIN + '\n```', PLAIN_OPINION],
    ['```\n' + PLAIN + '\n```', PLAIN_OPINION],
    ['Looking at the command:\n\n' + PLAIN + '\n\nLet me know if you need anything else.', PLAIN_OPINION],
    ['Sure. ```json\n' + PLAIN + '\n``` The key {is} the giveaway.', PLAIN_OPINION],
    ['[' + PLAIN + ']', PLAIN_OPINION],
    ['  \n' + PLAIN + '  \n', PLAIN_OPINION],

    // several objects: the first usable one wins
    ['The format is {"foo": 1}. My answer: {"verdict": "suspicious", "adjustment": 5}', op('suspicious', 5)],
    ['{verdict: malicious} {"verdict": "malicious", "adjustment": 25}', op('malicious', 25)],
    ['{"verdict": "wonky"} then {"verdict": "benign", "adjustment": -4}', op('benign', -4)],
    ['{"verdict": "benign", "adjustment": -3} {"verdict": "malicious", "adjustment": 30}', op('benign', -3)],
    ['I use { without closing it. {"verdict": "benign", "adjustment": -2}', op('benign', -2)],
    // a string broken by a raw newline cannot be JSON; the retry on the next line is found
    ['{"verdict": "mal\n{"verdict": "malicious", "adjustment": 22}', op('malicious', 22)],

    // nesting and strings
    ['{"verdict": "malicious", "details": {"reads": ["~/.ssh/id_rsa"], "sends": {"host": "paste.example"}}, "adjustment": 18, "reasoning": "exfiltration"}', op('malicious', 18, 0.5, 'exfiltration')],
    ['{"verdict": "benign", "adjustment": -5, "reasoning": "uses {curly} braces and \\" quotes"}', op('benign', -5, 0.5, 'uses {curly} braces and " quotes')],
    ['{"verdict": "benign", "adjustment": -3, "reasoning": "a lone } and a { in text"}', op('benign', -3, 0.5, 'a lone } and a { in text')],
    ['{"verdict": "benign", "reasoning": "ends in a backslash \\\\", "adjustment": -1}', op('benign', -1, 0.5, 'ends in a backslash \\')],

    // numbers as strings, rounding
    ['{"verdict": "malicious", "adjustment": "15"}', op('malicious', 15)],
    ['{"verdict": "malicious", "adjustment": "+15"}', op('malicious', 15)],
    ['{"verdict": "benign", "adjustment": "-10"}', op('benign', -10)],
    ['{"verdict": "malicious", "adjustment": "12.7"}', op('malicious', 13)],
    ['{"verdict": "malicious", "adjustment": " 7 "}', op('malicious', 7)],
    ['{"verdict": "benign", "adjustment": -12.5}', op('benign', -12)],
    ['{"verdict": "suspicious", "adjustment": "-0.4"}', op('suspicious', 0)],
    ['{"verdict": "suspicious", "adjustment": 3, "confidence": "0.75"}', op('suspicious', 3, 0.75)],
    ['{"verdict": "suspicious", "adjustment": "2e1"}', op('suspicious', 20)],

    // clamping
    ['{"verdict": "malicious", "adjustment": 99}', op('malicious', 30)],
    ['{"verdict": "benign", "adjustment": -99}', op('benign', -30)],
    ['{"verdict": "malicious", "adjustment": "+99"}', op('malicious', 30)],
    ['{"verdict": "malicious", "adjustment": 10, "confidence": 1.7}', op('malicious', 10, 1)],
    ['{"verdict": "malicious", "adjustment": 10, "confidence": -0.2}', op('malicious', 10, 0)],
    ['{"verdict": "malicious", "adjustment": 10, "confidence": "85"}', op('malicious', 10, 1)],

    // missing fields
    ['{"verdict": "benign"}', op('benign', -15)],
    ['{"verdict": "suspicious"}', op('suspicious', 0)],
    ['{"verdict": "malicious"}', op('malicious', 15)],
    ['{"adjustment": 10}', op('malicious', 10)],
    ['{"adjustment": 9}', op('suspicious', 9)],
    ['{"adjustment": 0}', op('suspicious', 0)],
    ['{"adjustment": -9}', op('suspicious', -9)],
    ['{"adjustment": -10}', op('benign', -10)],
    ['{"adjustment": "-9.6"}', op('benign', -10)],
    ['{"verdict": null, "adjustment": 12, "reasoning": null, "confidence": null}', op('malicious', 12)],
    ['{"verdict": "probably bad", "adjustment": 20}', op('malicious', 20)],
    ['{"verdict": 3, "adjustment": -20}', op('benign', -20)],

    // aliases, any case, and verdict synonyms
    ['{"Classification": "Dangerous", "score_adjustment": 12, "Certainty": 0.6, "Rationale": "why"}', op('malicious', 12, 0.6, 'why')],
    ['{"label": "safe", "delta": "-8", "explanation": "tests"}', op('benign', -8, 0.5, 'tests')],
    ['{"assessment": " Legitimate ", "adjust": -4, "reason": "build"}', op('benign', -4, 0.5, 'build')],
    ['{"VERDICT": "ATTACK"}', op('malicious', 15)],
    ['{" Verdict ": "harmful", "Adjustment": 6}', op('malicious', 6)],
    ['{"verdict": "uncertain", "adjustment": 2}', op('suspicious', 2)],
    ['{"verdict": "Ambiguous"}', op('suspicious', 0)],
    ['{"verdict": "malicious", "adjustment": 20, "reason": "short", "reasoning": "long"}', op('malicious', 20, 0.5, 'long')],
    ['{"verdict": "suspicious", "adjustment": 3, "confidence": 0.4, "reasoning": "r", "tags": ["a"], "score": 70, "verdict_v2": "benign"}', op('suspicious', 3, 0.4, 'r')],

    // non-finite and non-numeric numbers are missing
    ['{"verdict": "malicious", "adjustment": "1e999"}', op('malicious', 15)],
    ['{"verdict": "benign", "adjustment": "NaN", "confidence": "Infinity"}', op('benign', -15)],
    ['{"verdict": "benign", "adjustment": "0x10"}', op('benign', -15)],
    ['{"verdict": "benign", "adjustment": "ten"}', op('benign', -15)],
    ['{"verdict": "benign", "adjustment": true}', op('benign', -15)],
    ['{"verdict": "benign", "adjustment": "", "confidence": "."}', op('benign', -15)],
    ['{"verdict": "benign", "adjustment": "1e", "confidence": "-"}', op('benign', -15)],
    ['{"verdict": "malicious", "adjustment": 1e999}', op('malicious', 15)],

    // reasoning cleanup
    ['{"verdict": "benign", "reasoning": ["runs tests", "no network"]}', op('benign', -15, 0.5, '["runs tests","no network"]')],
    ['{"verdict": "benign", "reasoning": 42}', op('benign', -15, 0.5, '42')],
    ['{"verdict": "benign", "reasoning": "  line one\\nline two\\u0007\\t end  "}', op('benign', -15, 0.5, 'line one line two   end')],
    ['{"verdict": "benign", "reasoning": "\\u001b[31mred\\u009b0m \\u202eevil"}', op('benign', -15, 0.5, '[31mred 0m  evil')],
    [`{"verdict": "benign", "reasoning": "${'a'.repeat(600)}"}`, op('benign', -15, 0.5, 'a'.repeat(499) + '…')],
    [`{"verdict": "benign", "reasoning": "${'a'.repeat(498)}😀😀"}`, op('benign', -15, 0.5, 'a'.repeat(498) + '…')],
    [`{"verdict": "benign", "reasoning": "${'a'.repeat(500)}"}`, op('benign', -15, 0.5, 'a'.repeat(500))],

    // nothing usable
    ['', no('the answer is empty')],
    ['  \n\t ', no('the answer is empty')],
    ['I cannot help with that.', no(NO_OBJECT)],
    ['{"verdict": "mal', no(NO_OBJECT)],
    ['"verdict": "malicious", "adjustment": 20', no(NO_OBJECT)],
    ['}{', no(NO_OBJECT)],
    ['{verdict: malicious, adjustment: 20}', no(NO_PARSE)],
    ["{'verdict': 'malicious'}", no(NO_PARSE)],
    ['{"verdict": "malicious",}', no(NO_PARSE)],
    ['{"result": "ok"}', no(NO_FIELDS)],
    ['{"result": {"verdict": "benign"}}', no(NO_FIELDS)],
    ['{}', no(NO_FIELDS)],
    ['{"verdict": "unknown"}', no('the verdict "unknown" is none of benign, suspicious, malicious, and there is no adjustment')],
    [`{"verdict": "${'x'.repeat(100)}\\n"}`, no(`the verdict "${'x'.repeat(39)}…" is none of benign, suspicious, malicious, and there is no adjustment`)],
    ['{"adjustment": "1e999"}', no(NO_FIELDS)],
    ['{"foo": 1} {not json}', no(NO_FIELDS)],
  ])('%j', (input, expected) => {
    expect(parseAnswer(input, 30)).toEqual(expected);
  });
});

describe('parseAnswer with other limits', () => {
  it.each<[string, number, ParsedAnswer]>([
    ['{"verdict": "malicious", "adjustment": 99}', 10, op('malicious', 10)],
    ['{"verdict": "benign", "adjustment": -99}', 10, op('benign', -10)],
    ['{"verdict": "malicious", "adjustment": "+15"}', 10, op('malicious', 10)],
    ['{"verdict": "benign"}', 10, op('benign', -5)],
    ['{"verdict": "malicious"}', 10, op('malicious', 5)],
    ['{"verdict": "malicious"}', 25, op('malicious', 13)],
    // the verdict follows the model's own number, not the clamped one
    ['{"adjustment": 20}', 5, op('malicious', 5)],
    ['{"adjustment": 8}', 5, op('suspicious', 5)],
    ['{"verdict": "malicious", "adjustment": 20}', 0, op('malicious', 0)],
    ['{"verdict": "benign"}', 10.9, op('benign', -5)],
  ])('%j (max %d)', (input, max, expected) => {
    expect(parseAnswer(input, max)).toEqual(expected);
  });
});

describe('parseAnswer bounds', () => {
  const usable = '{"verdict": "benign", "adjustment": -4}';

  it('parses at most 8 candidates', () => {
    expect(parseAnswer('{"x": 1} '.repeat(7) + usable, 30)).toEqual(op('benign', -4));
    expect(parseAnswer('{"x": 1} '.repeat(8) + usable, 30)).toEqual(no(NO_FIELDS));
    expect(parseAnswer('{x} '.repeat(8) + usable, 30)).toEqual(no(NO_PARSE));
  });

  it('skips a candidate longer than 16 KiB, but not the objects inside it', () => {
    const long = `{"verdict": "malicious", "adjustment": 30, "pad": "${'x'.repeat(17000)}"}`;
    expect(parseAnswer(long, 30)).toEqual(no(NO_OBJECT));
    expect(parseAnswer(`${long} ${usable}`, 30)).toEqual(op('benign', -4));
    expect(parseAnswer(`{"log": "${'x'.repeat(17000)}", "answer": ${usable}}`, 30)).toEqual(op('benign', -4));
    const justFits = `{"verdict": "malicious", "adjustment": 30, "pad": "${'x'.repeat(16384 - 53)}"}`;
    expect(justFits.length).toBe(16384);
    expect(parseAnswer(justFits, 30)).toEqual(op('malicious', 30));
  });

  it(`looks at the first ${MAX_ANSWER_CHARS} characters only`, () => {
    expect(parseAnswer(usable + ' and more'.repeat(20000), 30)).toEqual(op('benign', -4));
    expect(parseAnswer('x'.repeat(MAX_ANSWER_CHARS) + usable, 30)).toEqual(no(NO_OBJECT));
    expect(parseAnswer('x'.repeat(MAX_ANSWER_CHARS - 10) + usable, 30)).toEqual(no(NO_OBJECT));
    expect(parseAnswer(' '.repeat(MAX_ANSWER_CHARS) + usable, 30)).toEqual(no('the answer is empty'));
  });

  it('survives reasoning nested deeper than JSON.stringify recurses', () => {
    const depth = 8000;
    const r = parseAnswer(`{"verdict": "benign", "reasoning": ${'['.repeat(depth)}${']'.repeat(depth)}}`, 30);
    expect(r.ok && r.opinion.verdict).toBe('benign');
    expect(r.ok && r.opinion.reasoning.length).toBeLessThanOrEqual(500);
  });

  // a scan restarted at every `{` is quadratic on each of these
  it.each<[string, string, ParsedAnswer]>([
    ['64 KiB of {', '{'.repeat(65536), no(NO_OBJECT)],
    ['64 KiB of {"a":"', '{"a":"'.repeat(10923), no(NO_OBJECT)],
    ['64 KiB of "}', '"}'.repeat(32768), no(NO_OBJECT)],
    ['{ then 64 KiB of "}', '{' + '"}'.repeat(32767), no(NO_PARSE)],
    ['64 KiB of {}', '{}'.repeat(32768), no(NO_FIELDS)],
    ['32 Ki { then 32 Ki }', '{'.repeat(32768) + '}'.repeat(32768), no(NO_PARSE)],
    ['64 KiB of backslashes in a string', '{"a":"' + '\\'.repeat(65530), no(NO_OBJECT)],
    ['64 KiB of [ in an object', '{"a":' + '['.repeat(65531), no(NO_OBJECT)],
    ['64 KiB of {"a":"}', '{"a":"}'.repeat(9362), no(NO_PARSE)],
    ['64 KiB of {"a":" then an answer on the next line', '{"a":"'.repeat(10000) + '\n{"verdict": "benign"}', op('benign', -15)],
    ['64 KiB of {"verdict": "x"} objects', '{"verdict": "x"}'.repeat(4096), no('the verdict "x" is none of benign, suspicious, malicious, and there is no adjustment')],
  ])('%s', (_name, input, expected) => {
    const started = performance.now();
    expect(parseAnswer(input, 30)).toEqual(expected);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
