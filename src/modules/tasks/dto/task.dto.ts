import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsDay } from '../../../core/http/day-validation';
import { PageQueryDto } from '../../../core/http/page-query.dto';
import { SingleLineText } from '../../../core/http/text-validation';

/** A task added by hand to a case. */
export class AddTaskDto {
  @ApiProperty({ description: 'What is to be done, up to 300 characters (encrypted under the case key)' })
  @SingleLineText(1, 300)
  title: string;

  @ApiProperty({ example: '2026-03-20', description: 'The day it is due' })
  @IsDay()
  dueOn: string;

  @ApiPropertyOptional({
    description: "An active caseworker or manager of the case's organisation; the case owner when absent",
  })
  @IsOptional()
  @IsUUID()
  assigneeUserId?: string;
}

/** A change to a task: done, given to another, or (a task added by hand) due another day. */
export class UpdateTaskDto {
  @ApiPropertyOptional({ enum: [true], description: 'true marks the task done; a closed task stays closed' })
  @IsOptional()
  @IsBoolean()
  @IsIn([true])
  done?: boolean;

  @ApiPropertyOptional({ description: "An active caseworker or manager of the case's organisation" })
  @IsOptional()
  @IsUUID()
  assigneeUserId?: string;

  @ApiPropertyOptional({ example: '2026-03-27', description: 'Tasks added by hand only' })
  @IsOptional()
  @IsDay()
  dueOn?: string;
}

/** A page of the caller's own open tasks, or of the organisation's overdue ones. */
export class TaskPageQueryDto extends PageQueryDto {}
