import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { SignatureGuard } from '../auth/signature.guard.js';
import { FaultsGuard } from '../faults/faults.guard.js';
import { BrokerExceptionFilter } from './broker-exception.filter.js';

/** Marks a controller as part of the signed broker API: faults, then signature, broker-style errors. */
export function BrokerApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(FaultsGuard, SignatureGuard), UseFilters(BrokerExceptionFilter));
}
