import { ApiProperty } from '@nestjs/swagger';
import { TASK_KINDS } from '../entities/task.entity';
import type { TaskPage, TaskView } from '../task-views';

export class TaskViewDto implements TaskView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ description: "The case's reference" }) caseReference: string;
  @ApiProperty({ enum: TASK_KINDS }) kind: TaskView['kind'];
  @ApiProperty({ type: String, nullable: true, description: 'The support plan item or referral it follows' })
  subjectId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Tasks added by hand only (decrypted)' })
  title: string | null;
  @ApiProperty({ example: '2026-03-20' }) dueOn: string;
  @ApiProperty({ description: 'Past its due day and not done' }) overdue: boolean;
  @ApiProperty() assigneeUserId: string;
  @ApiProperty({ type: String, nullable: true }) doneAt: string | null;
  @ApiProperty({ type: String, nullable: true }) doneBy: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['done', 'condition_met'] }) closedReason: TaskView['closedReason'];
  @ApiProperty() createdAt: string;
}

export class TaskPageDto implements TaskPage {
  @ApiProperty({ type: [TaskViewDto] }) items: TaskViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
