import { Module } from '@nestjs/common';
import { EventsController } from './events.controller.js';
import { PerformersController } from './performers.controller.js';
import { VenuesController } from './venues.controller.js';

@Module({ controllers: [PerformersController, VenuesController, EventsController] })
export class CatalogueModule {}
