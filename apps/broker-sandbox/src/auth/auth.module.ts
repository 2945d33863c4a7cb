import { Global, Module } from '@nestjs/common';
import { RawBodyHook } from './raw-body.hook.js';
import { SignatureGuard } from './signature.guard.js';

@Global()
@Module({ providers: [SignatureGuard, RawBodyHook], exports: [SignatureGuard] })
export class AuthModule {}
