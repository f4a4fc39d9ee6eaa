import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { PermissionGuard } from '../access/permission.guard';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { createValidationPipe } from './validation';

/** The request pipeline every route passes through: deny-by-default guard, validation, one error shape. */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: PermissionGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class HttpModule {}
