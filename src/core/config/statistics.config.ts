import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readChoice, readInt } from './env';

export const STATISTICS_MODES = ['suppression', 'dp'] as const;
export type StatisticsMode = (typeof STATISTICS_MODES)[number];

export interface StatisticsConfig {
  /** suppression: releases under threshold and linked suppression. dp: differentially private releases. */
  mode: StatisticsMode;
  /** Cells counting 0 < n < k cases are withheld; the CTDC dataset is k-anonymous. */
  threshold: number;
  /** The first year the year and quarter dimensions list (with every year since, up to this one). */
  firstYear: number;
  /**
   * Releases: how many tables outside the catalogue one Commission (its organisation, whatever the
   * account) may request per calendar month (UTC), refused requests included.
   */
  monthlyRequests: number;
  /** dp mode: the zero-concentrated privacy loss ρ one release spends over all its tables. */
  releaseRho: number;
}

export function parseStatisticsConfig(env: Env): StatisticsConfig {
  return {
    mode: readChoice(env, 'PANOH_STATISTICS_MODE', STATISTICS_MODES, 'suppression'),
    // Below 5 a published cell can itself single out a person; CTDC uses 11.
    threshold: readInt(env, 'PANOH_STATISTICS_THRESHOLD', 11, 5, 1000),
    firstYear: readInt(env, 'PANOH_STATISTICS_FIRST_YEAR', 2020, 2000, 2100),
    monthlyRequests: readInt(env, 'PANOH_STATISTICS_MONTHLY_REQUESTS', 20, 1, 1000),
    releaseRho: readPositiveNumber(env, 'PANOH_STATISTICS_RELEASE_RHO', 0.5, 10),
  };
}

function readPositiveNumber(env: Env, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw.trim())) throw new ConfigError(name, `must be a number above 0 and at most ${max}`);
  const value = Number(raw.trim());
  if (value <= 0 || value > max) throw new ConfigError(name, `must be above 0 and at most ${max}`);
  return value;
}

export const statisticsConfig = registerAs('statistics', () => parseStatisticsConfig(process.env));
