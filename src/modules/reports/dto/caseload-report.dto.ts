import { ApiProperty } from '@nestjs/swagger';

export class CountDto {
  @ApiProperty({ description: 'A code (a stage, a status, an assistance type, a referral state or purpose)' })
  code: string;
  @ApiProperty() count: number;
}

export class ReferralCountDto {
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'withdrawn'] }) status: string;
  @ApiProperty() count: number;
}

/** Exact counts over the caller's organisation's own caseload: no disclosure control, it is its own. */
export class CaseloadReportDto {
  @ApiProperty({ description: 'When the counts were taken' }) countedAt: string;
  @ApiProperty({ description: 'Cases the organisation owns' }) cases: number;
  @ApiProperty({ type: [CountDto], description: 'Its cases by NRM stage' }) byStage: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Its cases by trafficking status' }) byStatus: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Assistance items delivered on its cases, by type' })
  servicesDelivered: CountDto[];
  @ApiProperty({ type: [ReferralCountDto], description: 'Referrals it sent, by purpose and outcome' })
  referralsOut: ReferralCountDto[];
  @ApiProperty({ type: [ReferralCountDto], description: 'Referrals it received, by purpose and outcome' })
  referralsIn: ReferralCountDto[];
  @ApiProperty({ type: Number, description: 'Its open tasks past their due date' })
  overdueTasks: number;
}
