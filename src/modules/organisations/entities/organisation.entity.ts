import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OrganisationType, TjRegion } from '../organisation-codes';
import type { OrganisationKind } from '../organisation-kinds';

@Entity('organisation')
export class Organisation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  type: OrganisationType;

  /** Whether it holds cases (service) or oversees (oversight); see organisation-kinds.ts. */
  @Column('text')
  kind: OrganisationKind;

  @Column('text')
  region: TjRegion;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
