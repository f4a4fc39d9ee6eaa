import { Entity, PrimaryColumn } from 'typeorm';
import { BlindIndexName } from '../../../../core/crypto/blind-index/blind-index';

/** One blind-index value of a person (a truncated keyed hash; many persons share each value). */
@Entity('person_blind_index')
export class PersonBlindIndex {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @PrimaryColumn('text', { name: 'index_name' })
  indexName: BlindIndexName;

  @PrimaryColumn('bytea')
  value: Buffer;
}
