import { loadConfig, reloadPolicy, ConfigError, type Config, type ConfigFlags } from '../config.js';
import { loadEngine } from '../runtime/engine.js';
import { openConfiguredStore } from './store.js';
import { createLogger, type Logger } from '../server/log.js';
import { startServer, type RunningServer } from '../server/server.js';
import { shownWebhookUrl } from '../server/alerts.js';
import { EXIT } from './exit.js';

/** Runs the gateway until SIGTERM or SIGINT; resolves with the exit code. */
export async function runServe(flags: ConfigFlags): Promise<number> {
  const config = loadConfig(flags);
  requireKeyBeyondLoopback(config);
  const log = createLogger(config.logLevel);
  const store = await openConfiguredStore(config, 'write');
  let server: RunningServer;
  try {
    const engine = await loadEngine({ oneShot: false });
    server = await startServer({
      engine, store, log,
      settings: { mode: config.mode, policy: config.policy, logAllRequests: config.logAllRequests, storeFailMode: config.storeFailMode },
      listen: config.listen,
      socket: config.socket,
      maxBodyBytes: config.maxBodyBytes,
      requestTimeoutMs: config.requestTimeoutMs,
      corsOrigins: config.corsOrigins,
      apiKey: config.apiKey,
      alert: config.alertWebhookUrl ? { url: config.alertWebhookUrl, format: config.alertWebhookFormat } : undefined,
      sweepIntervalMs: Math.min(60_000, (config.sessionTtlHours * 3_600_000) / 10),
      semantic: config,
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  log.info('proxilion gateway listening', {
    address: server.tcp ? `${server.tcp.host}:${server.tcp.port}` : undefined,
    port: server.tcp?.port,
    socket: server.socket,
    mode: config.mode,
    thresholds: config.policy.thresholds,
    session_store: store.kind,
    store_location: store.location,
    policy_file: config.policyFile,
    alert_webhook: config.alertWebhookUrl ? shownWebhookUrl(config.alertWebhookUrl) : undefined,
    semantic_analysis: config.enableSemanticAnalysis ? `${config.semanticProvider} ${config.semanticModel}, scores ${config.semanticBand.min}-${config.semanticBand.max}` : 'off',
    pid: process.pid,
  });
  return waitForShutdown(server, config, log);
}

/** A key is mandatory beyond loopback: the gateway would otherwise let anyone on the network reset sessions and read the audit log. */
function requireKeyBeyondLoopback(config: Config): void {
  if (config.apiKey || !config.listen) return;
  const h = config.listen.host.toLowerCase();
  const loopback = h === 'localhost' || h === '::1' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
  if (!loopback) throw new ConfigError(`listening on ${config.listen.host} exposes the gateway beyond this machine: set PROXILION_API_KEY (clients then send "Authorization: Bearer <key>"), or listen on 127.0.0.1`);
}

function waitForShutdown(server: RunningServer, config: Config, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn('second signal: exiting without draining', { signal });
        process.exit(EXIT.internal);
      }
      stopping = true;
      log.info('shutting down: draining in-flight requests', { signal });
      server.close().then(
        () => {
          log.info('stopped cleanly');
          resolve(0);
        },
        (e: unknown) => {
          log.error('shutdown failed', { error: e });
          resolve(EXIT.internal);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('SIGHUP', () => {
      reloadPolicy(config).then(
        (policy) => {
          server.gateway.settings = { ...server.gateway.settings, policy };
          log.info('policy reloaded', { policy_file: config.policyFile, thresholds: policy.thresholds });
        },
        (e: unknown) => log.error('policy reload failed; keeping the previous policy', { policy_file: config.policyFile, error: (e as Error).message }),
      );
    });
  });
}
