import 'reflect-metadata';
import { Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, APP_CONFIG, type AppConfig } from '../config/config.js';
import type { ServiceName } from '../config/config.schema.js';
import { createPino, PinoLoggerService } from '../logging/pino-logger.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ShutdownService } from '../shutdown/shutdown.service.js';
import { installHttpHooks } from './http-hooks.js';

/** Largest request body any service accepts; checkout's order body is well under 2 KiB. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * `trustedProxyHops` (TRUSTED_PROXY_HOPS): how many proxies' X-Forwarded-For entries to
 * believe, counted from the socket's end. request.ip is then the address that many hops
 * back, never an entry a client wrote itself (0: the socket's peer).
 */
export function createFastifyAdapter(trustedProxyHops = 0): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify's hop count, as its function form (what a number compiles to; the types want this).
    trustProxy: trustedProxyHops > 0 ? (_address: string, hop: number) => hop < trustedProxyHops : false,
    return503OnClosing: true,
  });
}

/** Installs what every app needs on its Fastify instance. Used by bootstrapService and by tests. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  installHttpHooks(app.getHttpAdapter().getInstance(), app.get(MetricsService));
  return app;
}

/**
 * Creates, configures and starts a service: validated config (a bad variable stops the
 * process at once, naming it), JSON logs, Fastify, health/metrics, graceful SIGTERM.
 */
export async function bootstrapService(
  service: ServiceName,
  module: Type<unknown>,
): Promise<NestFastifyApplication> {
  let config: Readonly<AppConfig>;
  try {
    config = loadConfig(service, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new PinoLoggerService(createPino(service, config.logLevel));
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    createFastifyAdapter(config.trustedProxyHops),
    {
      logger,
      bufferLogs: true,
    },
  );
  configureApp(app);
  await app.listen(config.port, '0.0.0.0');
  Logger.log(`${service} listening on :${config.port} (${config.appEnv})`, 'Bootstrap');
  installShutdown(app, app.get<AppConfig>(APP_CONFIG));
  return app;
}

/**
 * Stops accepting connections and waits for in-flight requests. Keep-alive connections
 * that go idle after their last answer are closed as they do, so clients that keep
 * connections open (most HTTP clients) do not hold shutdown until their idle timeout.
 */
async function closeHttp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const sweep = setInterval(() => fastify.server.closeIdleConnections(), 100);
  try {
    await fastify.close();
  } finally {
    clearInterval(sweep);
  }
}

/**
 * SIGTERM/SIGINT: readiness turns 503 at once; the HTTP server stops accepting and
 * finishes in-flight requests; tracked work (message handlers, pulls) drains; then
 * connections close. All within SHUTDOWN_TIMEOUT_MS, after which the process exits anyway.
 */
export function installShutdown(app: NestFastifyApplication, config: AppConfig): void {
  const shutdown = app.get(ShutdownService);
  const logger = new Logger('Shutdown');
  let started = false;
  const stop = async (signal: string) => {
    if (started) return;
    started = true;
    shutdown.begin(signal);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await closeHttp(app);
      await shutdown.drain(config.shutdownTimeoutMs);
      await app.close();
      logger.log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ message: 'error during shutdown', err: error });
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
