import { Controller, Get, Header } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** GET /metrics in the Prometheus text format. Service port only, never through the ingress. */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async metricsText(): Promise<string> {
    return this.metrics.render();
  }
}
