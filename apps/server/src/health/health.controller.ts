import { Controller, Get } from '@nestjs/common';
import { Public } from '@app/identity';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Lifecycle } from '@app/common';
import { SearchEngine, SearchService } from '@app/search';

const ENGINE_TIMEOUT_MS = 1000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly engine: SearchEngine,
    private readonly search: SearchService,
    private readonly lifecycle: Lifecycle,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** The process is up. */
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * The process can serve: not stopping, and the database answers within a
   * second. The search engine is reported too, but its failure does not make
   * the process unready: searches are then answered by PostgreSQL (degraded).
   */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and migrations are applied' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.accepting(), () => this.db.pingCheck('database', { timeout: 1000 }), () => this.searchEngine()]);
  }

  private accepting(): HealthIndicatorResult {
    const process = this.indicators.check('process');
    return this.lifecycle.stopping ? process.down({ reason: 'shutting down' }) : process.up();
  }

  private async searchEngine(): Promise<HealthIndicatorResult> {
    const timeout = new Promise<{ ok: false; detail: string }>((r) =>
      setTimeout(() => r({ ok: false, detail: `no answer in ${ENGINE_TIMEOUT_MS} ms` }), ENGINE_TIMEOUT_MS).unref(),
    );
    const health = await Promise.race([this.engine.health().catch((e: unknown) => ({ ok: false, detail: (e as Error).message })), timeout]);
    return {
      search: {
        status: 'up',
        engine: this.engine.name,
        engineHealthy: health.ok,
        degraded: this.search.degraded || !health.ok,
        ...(health.ok ? {} : { detail: health.detail }),
      },
    };
  }
}
