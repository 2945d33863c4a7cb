import 'reflect-metadata';
import { bootstrapService } from '@hamiltix/platform';
import { AppModule } from './app.module.js';

await bootstrapService('ingestion', AppModule);
