import { getMetadataArgsStorage } from 'typeorm';
import { AppModule } from './app.module';
import { ENTITIES } from './data-source';

describe('the entities composed at the root', () => {
  it('are exactly the entities the modules of the application declare', () => {
    expect(AppModule).toBeDefined(); // loads every module, and with them every entity class
    const declared = getMetadataArgsStorage()
      .tables.filter((table) => table.type === 'regular')
      .map((table) => (table.target as { name: string }).name);
    const composed = ENTITIES.map((entity) => (entity as { name: string }).name);
    expect([...composed].sort()).toEqual([...new Set(declared)].sort());
    expect(composed).toHaveLength(new Set(composed).size);
  });
});
