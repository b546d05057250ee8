import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { Lifecycle } from './lifecycle';

/** Process-wide ports with their default adapters. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }, Lifecycle], exports: [Clock, Lifecycle] })
export class CommonModule {}
