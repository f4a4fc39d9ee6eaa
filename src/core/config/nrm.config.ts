import { registerAs } from '@nestjs/config';
import { Env, readInt } from './env';

export interface NrmConfig {
  /**
   * The recovery and reflection period before a status decision, in days: at least 30 (Council of
   * Europe Convention, art. 13); a decision before its end needs the person's request.
   */
  reflectionPeriodDays: number;
}

export function parseNrmConfig(env: Env): NrmConfig {
  return { reflectionPeriodDays: readInt(env, 'PANOH_REFLECTION_PERIOD_DAYS', 30, 30, 365) };
}

export const nrmConfig = registerAs('nrm', () => parseNrmConfig(process.env));
