import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CaseStage, StatusDecisionMaker, TraffickingStatus } from '../../code-lists';

/**
 * A victim's case, owned by the organisation that opened it. Statistical codes are plaintext and
 * validated against the code lists; narrative, shelter location and notes are ciphertext under the
 * case's own data key (CaseCodec). `version` is the optimistic-concurrency token of PATCH.
 */
@Entity('victim_case')
export class VictimCase {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  reference: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'data_key_id', nullable: true })
  dataKeyId: string | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  /** The case owner inside the organisation (HTCDS cas_CaseOwner): one of its caseworkers or managers. */
  @Column('uuid', { name: 'owner_user_id' })
  ownerUserId: string;

  @Column('text')
  stage: CaseStage;

  @Column('text', { name: 'trafficking_status' })
  traffickingStatus: TraffickingStatus;

  @Column('text', { name: 'status_decided_by', nullable: true })
  statusDecidedBy: StatusDecisionMaker | null;

  @Column('uuid', { name: 'status_deciding_organisation_id', nullable: true })
  statusDecidingOrganisationId: string | null;

  @Column('date', { name: 'registered_on' })
  registeredOn: string;

  @Column('text', { nullable: true })
  gender: string | null;

  @Column('text', { name: 'age_band', nullable: true })
  ageBand: string | null;

  @Column('text', { nullable: true })
  citizenship: string | null;

  /** HTCDS prs_Citizenship (multiselect); the first is `citizenship`. */
  @Column('text', { array: true })
  citizenships: string[];

  @Column('text', { name: 'region_of_origin', nullable: true })
  regionOfOrigin: string | null;

  @Column('text', { name: 'country_of_exploitation', nullable: true })
  countryOfExploitation: string | null;

  @Column('text', { name: 'exploitation_types', array: true })
  exploitationTypes: string[];

  @Column('text', { name: 'means_of_control', array: true })
  meansOfControl: string[];

  /** An incoming referral from outside Panoh: who referred (encrypted), what kind, when, why, details (encrypted). */
  @Column('bytea', { name: 'referring_organisation_name', nullable: true })
  referringOrganisationName: Buffer | null;

  @Column('text', { name: 'referring_organisation_type', nullable: true })
  referringOrganisationType: string | null;

  @Column('date', { name: 'incoming_referral_date', nullable: true })
  incomingReferralDate: string | null;

  @Column('text', { name: 'incoming_referral_reason', nullable: true })
  incomingReferralReason: string | null;

  @Column('bytea', { name: 'incoming_referral_details', nullable: true })
  incomingReferralDetails: Buffer | null;

  /** Children accompanying the person (HTCDS prs_NumberOfChildren), their age bands, other dependants: no names. */
  @Column('smallint', { name: 'accompanying_children', nullable: true })
  accompanyingChildren: number | null;

  @Column('text', { name: 'accompanying_children_age_bands', array: true })
  accompanyingChildrenAgeBands: string[];

  @Column('smallint', { name: 'accompanying_dependants', nullable: true })
  accompanyingDependants: number | null;

  /** The support plan's objectives and action plan (HTCDS spl_Objectives, spl_ActionPlan): encrypted. */
  @Column('bytea', { name: 'support_objectives', nullable: true })
  supportObjectives: Buffer | null;

  @Column('bytea', { name: 'action_plan', nullable: true })
  actionPlan: Buffer | null;

  /** Why the case was closed (set by the closing move; a local code list). */
  @Column('text', { name: 'closure_reason', nullable: true })
  closureReason: string | null;

  /** HTCDS vic_MethodOfRecruitment. */
  @Column('text', { name: 'recruitment_methods', array: true })
  recruitmentMethods: string[];

  /** HTCDS vic_TypeOfSexExploitation. */
  @Column('text', { name: 'sex_exploitation_types', array: true })
  sexExploitationTypes: string[];

  @Column('text', { name: 'labour_sector', nullable: true })
  labourSector: string | null;

  @Column('bytea', { nullable: true })
  narrative: Buffer | null;

  @Column('bytea', { name: 'shelter_location', nullable: true })
  shelterLocation: Buffer | null;

  @Column('bytea', { name: 'health_notes', nullable: true })
  healthNotes: Buffer | null;

  @Column('bytea', { name: 'psychosocial_notes', nullable: true })
  psychosocialNotes: Buffer | null;

  /** When the case entered its current stage (the reflection period counts from here). */
  @Column('timestamptz', { name: 'stage_changed_at' })
  stageChangedAt: Date;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
