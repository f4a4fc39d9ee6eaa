import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';

/** Record access: the one service that decides who sees which case, and in which view. */
@Module({
  providers: [CaseAccess],
  exports: [CaseAccess],
})
export class AccessModule {}
