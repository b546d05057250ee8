import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Process-wide ports with their default adapters. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class CommonModule {}
