import { Module } from '@nestjs/common';
import { ListingSerializer } from './listing.serializer.js';
import { ListingsController } from './listings.controller.js';

@Module({ controllers: [ListingsController], providers: [ListingSerializer], exports: [ListingSerializer] })
export class ListingsModule {}
