import { Module } from '@nestjs/common';
import { CodeListsController } from './code-lists.controller';

@Module({ controllers: [CodeListsController] })
export class CodeListsModule {}
