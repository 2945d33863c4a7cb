// Only bootstraps. The environment is checked before anything heavy is imported, so a
// bad variable stops the process at once with a message naming it.
import { exitOnBadConfig } from '@hamiltix/platform/preflight';

exitOnBadConfig('notifier');
const { bootstrapService } = await import('@hamiltix/platform');
const { AppModule } = await import('./app.module.js');
await bootstrapService('notifier', AppModule);
