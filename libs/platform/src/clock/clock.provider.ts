import type { Provider } from '@nestjs/common';
import { startedClock, systemClock, type Clock } from '@hamiltix/domain';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * Injection token for the process's one Clock (`@hamiltix/domain`). Services inject it
 * (`@Inject(CLOCK) private readonly clock: Clock`) wherever they need "now". It is the
 * system clock, or one started at `CLOCK_START_AT`; tests pass a FixedClock through
 * `PlatformModule.forRoot({ clock })`.
 */
export const CLOCK = Symbol('CLOCK');

export function clockFromConfig(config: Pick<AppConfig, 'clockStart'>): Clock {
  const start = config.clockStart;
  return start === undefined
    ? systemClock
    : startedClock(new Date(start.startMs), systemClock, start.anchorMs);
}

export function clockProvider(clock?: Clock): Provider {
  return clock
    ? { provide: CLOCK, useValue: clock }
    : { provide: CLOCK, inject: [APP_CONFIG], useFactory: (config: AppConfig) => clockFromConfig(config) };
}
