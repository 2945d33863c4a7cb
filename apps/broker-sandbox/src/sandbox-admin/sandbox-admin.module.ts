import { Module } from '@nestjs/common';
import { ListingsModule } from '../listings/listings.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SandboxAdminController } from './sandbox-admin.controller.js';

@Module({ imports: [ListingsModule, OrdersModule], controllers: [SandboxAdminController] })
export class SandboxAdminModule {}
