import { execFile } from 'node:child_process';
import type { Check, CheckResult } from '../types.js';

/** What `docker inspect` says of a container's state (the fields the guide's docker section reads). */
interface ContainerState {
  Status?: string;
  OOMKilled?: boolean;
  ExitCode?: number;
  Error?: string;
  Health?: { Status?: string; FailingStreak?: number; Log?: Array<{ Output?: string }> };
}

interface Container {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  restarts: number;
}

const RUN_TIMEOUT_MS = 4000;
/** Containers looked at, at most: a host with hundreds of proxilion replicas is not one doctor reads whole. */
const MAX_CONTAINERS = 20;

/** Runs the docker CLI: its stdout, or an error whose message is docker's own first line. */
function docker(args: string[], signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { signal, timeout: RUN_TIMEOUT_MS, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(new Error((stderr || err.message).trim().split('\n')[0]!), { code: (err as NodeJS.ErrnoException).code }));
      else resolve(stdout);
    });
  });
}

/**
 * The guide's docker section: the gateway's containers are running, not restarting over and over,
 * not killed for memory, and healthy. Runs only when a docker CLI and its engine answer.
 */
const containers: Check = {
  id: 'runtime.docker',
  group: 'runtime',
  title: 'proxilion containers are running and healthy',
  timeoutMs: 10_000,
  async run(ctx) {
    try {
      await docker(['version', '--format', '{{.Server.Version}}'], ctx.signal);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      return { status: 'skip', reason: code === 'ENOENT' ? 'no docker CLI on PATH: the gateway does not run in docker here' : `the docker CLI is here but no engine answers (${(e as Error).message})` };
    }
    const listed = (await docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.Command}}'], ctx.signal))
      .split('\n')
      .filter((l) => l.toLowerCase().includes('proxilion'))
      .slice(0, MAX_CONTAINERS)
      .map((l) => l.split('\t'));
    if (listed.length === 0) return { status: 'skip', reason: 'docker answers, but no container\'s name, image or command mentions proxilion' };
    const found: Container[] = [];
    for (const [id, name, image] of listed) {
      const out = await docker(['inspect', '--format', '{{json .State}}\t{{.RestartCount}}', id!], ctx.signal);
      const [state, restarts] = out.trim().split('\t');
      found.push({ id: id!, name: name!, image: image!, state: JSON.parse(state!) as ContainerState, restarts: Number(restarts) || 0 });
    }
    return judge(found);
  },
};

function judge(found: Container[]): CheckResult {
  const measured: NonNullable<CheckResult['measured']> = { containers: found.length };
  for (const c of found) measured[c.name] = `${c.state.Status ?? '?'}${c.state.Health?.Status ? `/${c.state.Health.Status}` : ''}, ${c.restarts} restarts${c.state.OOMKilled ? ', OOM-killed' : ''}`;
  const failing = found.filter((c) => c.state.Status !== 'running' || c.state.OOMKilled || c.state.Health?.Status === 'unhealthy');
  if (failing.length > 0) {
    return {
      status: 'fail',
      reason: failing.map(describe).join('; '),
      symptom: 'the gateway in that container does not answer, or answers and dies again',
      measured,
      fix: failing.flatMap(fixFor),
    };
  }
  const restarting = found.filter((c) => c.restarts > 0);
  if (restarting.length > 0) {
    return {
      status: 'warn',
      reason: restarting.map((c) => `${c.name} is running but has restarted ${c.restarts} time(s)`).join('; '),
      symptom: 'sessions kept in memory were lost at each restart, and requests failed while it was down',
      measured,
      fix: restarting.flatMap((c) => [`docker logs --tail 100 ${c.name}`, `docker inspect --format '{{.State.ExitCode}} {{.State.Error}} {{.State.FinishedAt}}' ${c.name}`]),
    };
  }
  return { status: 'pass', reason: found.map((c) => `${c.name} (${c.image}) ${c.state.Status}${c.state.Health?.Status ? `, ${c.state.Health.Status}` : ''}`).join('; '), measured };
}

function describe(c: Container): string {
  if (c.state.OOMKilled) return `${c.name} was killed for using too much memory (OOM)`;
  if (c.state.Status !== 'running') return `${c.name} is ${c.state.Status ?? 'in an unknown state'} (exit code ${c.state.ExitCode ?? '?'}${c.state.Error ? `: ${c.state.Error}` : ''})`;
  const last = c.state.Health?.Log?.at(-1)?.Output?.trim().split('\n')[0];
  return `${c.name} is unhealthy (${c.state.Health?.FailingStreak ?? '?'} failed health checks${last ? `, the last said: ${last}` : ''})`;
}

function fixFor(c: Container): string[] {
  if (c.state.OOMKilled) return [`docker logs --tail 100 ${c.name}`, `docker update --memory 1g --memory-swap 1g ${c.name}   # or raise mem_limit in the compose file`, `docker start ${c.name}`];
  if (c.state.Status !== 'running') return [`docker logs --tail 100 ${c.name}`, `docker start ${c.name}`];
  return [`docker inspect --format '{{json .State.Health}}' ${c.name}`, `docker logs --tail 100 ${c.name}`, `docker restart ${c.name}`];
}

export const DOCKER_CHECKS: Check[] = [containers];
