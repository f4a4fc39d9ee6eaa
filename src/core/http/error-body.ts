import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Enough to tell a client what to fix; a body of 5,000 bad fields does not get 5,000 problems back. */
export const MAX_PROBLEMS = 20;

export class FieldProblem {
  @ApiProperty({ example: 'username' }) field: string;
  @ApiProperty({ example: 'must be a string' }) problem: string;
}

/** The one shape of every error the service answers. */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiPropertyOptional({
    example: 'session_expired',
    description: "What went wrong, as a stable code a client can act on (the domain's error code)",
  })
  code?: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [FieldProblem] }) details?: FieldProblem[];
  @ApiProperty({ description: 'Quote this when reporting a problem' }) requestId: string;
}
