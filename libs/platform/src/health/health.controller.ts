import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { ShutdownService } from '../shutdown/shutdown.service.js';
import { HealthRegistry, withTimeout } from './health-registry.js';

const CHECK_TIMEOUT_MS = 1_500;

/**
 * GET /health/live: the process is up (no dependency checks).
 * GET /health/ready: every dependency the service uses answers; 503 naming what is down,
 * and 503 as soon as shutdown starts so the load balancer stops sending traffic.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: HealthRegistry,
    private readonly shutdown: ShutdownService,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  // No Swagger decorators: with them terminus loads @nestjs/swagger (and es-toolkit, js-yaml), ~5 MiB
  // of heap in every service that documents no API with it (bench/idle).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async ready(): Promise<unknown> {
    if (this.shutdown.isShuttingDown) {
      throw new ServiceUnavailableException({
        status: 'shutting_down',
        message: 'Shutting down; not taking new work.',
      });
    }
    const indicators = this.registry
      .entries()
      .map(([name, check]) => async (): Promise<HealthIndicatorResult> => {
        const session = this.indicator.check(name);
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS, name);
          return session.up();
        } catch (error) {
          return session.down({ message: (error as Error).message });
        }
      });
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as { error?: Record<string, { message?: string }> };
        const down = Object.entries(body.error ?? {}).map(([name, v]) => `${name} (${v.message ?? 'down'})`);
        throw new ServiceUnavailableException({ ...body, message: `Not ready: ${down.join(', ')} down.` });
      }
      throw error;
    }
  }
}
