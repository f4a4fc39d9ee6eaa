import { registerAs } from '@nestjs/config';
import { ConfigError } from './config.error';
import { Env, readChoice, readInt } from './env';

export const STATISTICS_MODES = ['suppression', 'dp'] as const;
export type StatisticsMode = (typeof STATISTICS_MODES)[number];

export interface StatisticsConfig {
  /** suppression: threshold k, complementary suppression, cell-key perturbation. dp: differential privacy. */
  mode: StatisticsMode;
  /** Cells counting 0 < n < k cases are suppressed; the CTDC export is k-anonymous. */
  threshold: number;
  /** dp mode: the ε one new question spends. */
  epsilonPerQuestion: number;
  /**
   * dp mode: the ε all questions may ever spend together. Every question covers every year's cases,
   * so a budget that renewed (per year, say) would let the total loss grow without bound.
   */
  epsilonTotal: number;
  /** suppression mode: how many distinct questions one commission user may ask per day (UTC). */
  dailyQuestions: number;
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
  const epsilonPerQuestion = readPositiveNumber(env, 'PANOH_STATISTICS_EPSILON', 0.5, 10);
  const epsilonTotal = readPositiveNumber(env, 'PANOH_STATISTICS_EPSILON_TOTAL', 5, 100);
  if (epsilonTotal < epsilonPerQuestion) {
    throw new ConfigError('PANOH_STATISTICS_EPSILON_TOTAL', 'must be at least PANOH_STATISTICS_EPSILON');
  }
  return {
    mode: readChoice(env, 'PANOH_STATISTICS_MODE', STATISTICS_MODES, 'suppression'),
    // Below 5 a published cell can itself single out a person; CTDC uses 11.
    threshold: readInt(env, 'PANOH_STATISTICS_THRESHOLD', 11, 5, 1000),
    epsilonPerQuestion,
    epsilonTotal,
    dailyQuestions: readInt(env, 'PANOH_STATISTICS_DAILY_QUESTIONS', 200, 1, 100000),
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
