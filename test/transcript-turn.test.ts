import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TAIL_WINDOWS, TranscriptFollower, turnFromTranscript } from '../src/integrations/transcript-turn.js';

const fixture = (...p: string[]) => join(import.meta.dirname, 'fixtures', 'scan', ...p);
const dir = mkdtempSync(join(tmpdir(), 'px-turn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const claudeLine = (o: Record<string, unknown>) => JSON.stringify({ sessionId: 's1', uuid: 'u', ...o }) + '\n';
const prompt = (text: string, sessionId = 's1') => claudeLine({ type: 'user', sessionId, message: { role: 'user', content: text } });
const said = (text: string) => claudeLine({ type: 'assistant', message: { id: `msg_${text.length}`, role: 'assistant', content: [{ type: 'text', text }] } });
const toolOutput = (bytes: number) => claudeLine({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x'.repeat(bytes) }] } });

describe('turnFromTranscript', () => {
  it("reads a Gemini CLI session document whole: its last user message and the assistant's text after it", async () => {
    const path = fixture('gemini', 'session-2025-11-20T10-04-5d9b3f7a.json');
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { messages: { type: string; content: unknown }[] };
    const lastUser = doc.messages.filter((m) => m.type === 'user').at(-1)!.content;
    const lastText = doc.messages.filter((m) => m.type === 'gemini' && m.content !== '').at(-1)!.content;
    expect(await turnFromTranscript(path, undefined)).toEqual({ userMessage: lastUser, aiResponse: lastText });
  });

  it("takes the named session's prompt, and the last session's when the id is not in the transcript", async () => {
    const path = join(dir, 'two-sessions.jsonl');
    writeFileSync(path, prompt('first session asks', 's1') + prompt('second session asks', 's2'));
    expect(await turnFromTranscript(path, 's1')).toEqual({ userMessage: 'first session asks' });
    expect(await turnFromTranscript(path, 'other')).toEqual({ userMessage: 'second session asks' });
  });

  it('a new prompt starts a turn: the previous answer does not come with it', async () => {
    const path = join(dir, 'turns.jsonl');
    writeFileSync(path, prompt('one') + said('done with one') + prompt('two'));
    expect(await turnFromTranscript(path, 's1')).toEqual({ userMessage: 'two' });
  });

  it('reads back through larger windows for a prompt, and no further than the last', async () => {
    const last = TAIL_WINDOWS[TAIL_WINDOWS.length - 1]!;
    const near = join(dir, 'near.jsonl');
    writeFileSync(near, prompt('scan 10.42.8.0/24') + toolOutput(TAIL_WINDOWS[0] * 2) + said('found three hosts'));
    expect(await turnFromTranscript(near, 's1')).toEqual({ userMessage: 'scan 10.42.8.0/24', aiResponse: 'found three hosts' });
    const far = join(dir, 'far.jsonl');
    writeFileSync(far, prompt('scan 10.42.8.0/24') + toolOutput(last) + said('found three hosts'));
    expect(await turnFromTranscript(far, 's1')).toEqual({ aiResponse: 'found three hosts' });
  });
});

describe('TranscriptFollower (the daemon)', () => {
  it('reads on from where the last call left the transcript, as the agent appends to it', async () => {
    const path = join(dir, 'followed.jsonl');
    const follower = new TranscriptFollower();
    writeFileSync(path, prompt('scan 10.42.8.0/24'));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'scan 10.42.8.0/24' });
    appendFileSync(path, said('found three hosts'));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'scan 10.42.8.0/24', aiResponse: 'found three hosts' });
    // only the appended bytes are read: a change to what it read before is not seen (a one-shot read sees it)
    writeFileSync(path, readFileSync(path, 'utf8').replace('scan 10.42.8.0/24', 'scan 10.42.9.0/24'));
    appendFileSync(path, said('writing the report'));
    expect((await follower.turn(path, 's1')).userMessage).toBe('scan 10.42.8.0/24');
    expect((await turnFromTranscript(path, 's1')).userMessage).toBe('scan 10.42.9.0/24');
    appendFileSync(path, prompt('now the report'));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'now the report' });
  });

  it('waits for a line still being written, and reads a replaced or truncated file afresh', async () => {
    const path = join(dir, 'partial.jsonl');
    const follower = new TranscriptFollower();
    writeFileSync(path, prompt('one'));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'one' });
    const next = prompt('two');
    appendFileSync(path, next.slice(0, 20));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'one' });
    appendFileSync(path, next.slice(20));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'two' });
    // a new file at the path (another inode), and the same file cut short
    writeFileSync(`${path}.new`, prompt('three'));
    renameSync(`${path}.new`, path);
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: 'three' });
    writeFileSync(path, prompt('4'));
    expect(await follower.turn(path, 's1')).toEqual({ userMessage: '4' });
  });

  it('reads a session document, which is rewritten whole, afresh on every call', async () => {
    const path = fixture('gemini', 'session-2025-11-20T10-04-5d9b3f7a.json');
    const follower = new TranscriptFollower();
    const once = await turnFromTranscript(path, undefined);
    expect(once.userMessage).toBeDefined();
    expect(await follower.turn(path, undefined)).toEqual(once);
    expect(await follower.turn(path, undefined)).toEqual(once);
    expect(await follower.turn(join(dir, 'missing.jsonl'), 's1')).toEqual({});
  });
});
