import type { Provider } from '@nestjs/common';
import { systemClock, type Clock } from '@hamiltix/domain';

/**
 * Injection token for the process's one Clock (`@hamiltix/domain`). Services inject it
 * (`@Inject(CLOCK) private readonly clock: Clock`) wherever they need "now"; tests pass
 * a FixedClock through `PlatformModule.forRoot({ clock })` or override the provider.
 */
export const CLOCK = Symbol('CLOCK');

export function clockProvider(clock: Clock = systemClock): Provider {
  return { provide: CLOCK, useValue: clock };
}
