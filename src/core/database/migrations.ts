import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Applies pending migrations as the owner and returns the names applied. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(ownerUrl, { poolSize: 1 }), logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Whether migrations are pending, checked with any role that can read the migrations table. */
export async function hasPendingMigrations(url: string): Promise<boolean> {
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    return await dataSource.showMigrations();
  } finally {
    await dataSource.destroy();
  }
}
