import { bootstrapService } from '@hamiltix/platform';
import { AppModule } from './app.module.js';

await bootstrapService('broker-sandbox', AppModule);
