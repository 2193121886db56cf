import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBinary } from './helpers/binaries.js';
import { run } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'px-doctor-docker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FAKE_BIN = join(import.meta.dirname, 'fixtures', 'doctor');

function dockerCheck(env: Record<string, string>) {
  const r = run(['doctor', '--json', '--only', 'runtime.docker', '--gateway', 'http://127.0.0.1:9'], { env });
  expect([0, 1]).toContain(r.code);
  return JSON.parse(r.stdout).checks[0] as { status: string; reason: string; measured?: Record<string, unknown>; fix?: string[] };
}

describe('runtime.docker', () => {
  it('is skipped with the reason when there is no docker CLI', () => {
    const empty = join(dir, 'no-bin');
    mkdirSync(empty, { recursive: true });
    const c = dockerCheck({ PATH: empty });
    expect(c).toMatchObject({ status: 'skip', reason: 'no docker CLI on PATH: the gateway does not run in docker here' });
  });

  it.runIf(!!findBinary('docker'))('is skipped when the docker CLI installed here finds no engine, or checks the engine it finds', () => {
    const c = dockerCheck({});
    expect(['skip', 'pass', 'warn', 'fail']).toContain(c.status);
    if (c.status === 'skip') expect(c.reason).toMatch(/no engine answers|no container's name, image or command mentions proxilion/);
  });

  // No docker engine can run here: the CLI is stood in for by a script answering from files (the
  // check itself, its commands and its parsing of docker's JSON, run unchanged).
  const fake = (name: string, files: Record<string, string>) => {
    const data = join(dir, name);
    mkdirSync(data, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(data, f), text);
    return { PATH: `${FAKE_BIN}:/usr/bin:/bin`, FAKE_DOCKER_DIR: data };
  };
  const state = (s: object, restarts = 0) => `${JSON.stringify(s)}\t${restarts}\n`;
  const PS = 'abc123\tproxilion-gw\tghcr.io/example/proxilion:0.1\t"proxilion serve"\ndef456\tpostgres\tpostgres:16\t"docker-entrypoint.sh postgres"\n';

  it('is skipped when the CLI is there but no engine answers', () => {
    const c = dockerCheck(fake('down', { 'engine-down': '' }));
    expect(c.status).toBe('skip');
    expect(c.reason).toContain('no engine answers (Cannot connect to the Docker daemon');
  });

  it('passes for a running, healthy container and ignores other containers', () => {
    const c = dockerCheck(fake('ok', { ps: PS, 'inspect-abc123': state({ Status: 'running', OOMKilled: false, ExitCode: 0, Health: { Status: 'healthy' } }) }));
    expect(c).toMatchObject({ status: 'pass', reason: 'proxilion-gw (ghcr.io/example/proxilion:0.1) running, healthy', measured: { containers: 1 } });
  });

  it('warns about restarts, and fails an OOM-killed, exited or unhealthy container with the docker commands to run', () => {
    const restarted = dockerCheck(fake('restarts', { ps: PS, 'inspect-abc123': state({ Status: 'running' }, 4) }));
    expect(restarted.status).toBe('warn');
    expect(restarted.reason).toBe('proxilion-gw is running but has restarted 4 time(s)');
    expect(restarted.fix).toContain('docker logs --tail 100 proxilion-gw');

    const oom = dockerCheck(fake('oom', { ps: PS, 'inspect-abc123': state({ Status: 'exited', OOMKilled: true, ExitCode: 137 }, 2) }));
    expect(oom).toMatchObject({ status: 'fail', reason: 'proxilion-gw was killed for using too much memory (OOM)' });
    expect(oom.fix).toContain('docker update --memory 1g --memory-swap 1g proxilion-gw   # or raise mem_limit in the compose file');

    const exited = dockerCheck(fake('exited', { ps: PS, 'inspect-abc123': state({ Status: 'exited', ExitCode: 64, Error: '' }) }));
    expect(exited).toMatchObject({ status: 'fail', reason: 'proxilion-gw is exited (exit code 64)' });

    const sick = dockerCheck(fake('sick', { ps: PS, 'inspect-abc123': state({ Status: 'running', Health: { Status: 'unhealthy', FailingStreak: 3, Log: [{ Output: 'curl: (7) Failed to connect\n' }] } }) }));
    expect(sick).toMatchObject({ status: 'fail', reason: 'proxilion-gw is unhealthy (3 failed health checks, the last said: curl: (7) Failed to connect)' });
  });

  it('is skipped when no container is proxilion\'s', () => {
    const c = dockerCheck(fake('none', { ps: 'def456\tpostgres\tpostgres:16\t"postgres"\n' }));
    expect(c).toMatchObject({ status: 'skip', reason: "docker answers, but no container's name, image or command mentions proxilion" });
  });
});
