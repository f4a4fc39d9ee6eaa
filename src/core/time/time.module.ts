import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** Registers the one Clock; global, so that any module may ask for the time without importing this one. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class TimeModule {}
