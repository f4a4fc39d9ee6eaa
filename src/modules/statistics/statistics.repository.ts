import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/database/request-context';
import type { CtdcSourceRecord } from './ctdc-layout';
import type { Dimension } from './dimensions';

export interface CountRow {
  /** One code per dimension asked, or '*' for a margin. */
  key: string[];
  n: number;
  keySum: bigint;
}

export interface TimelinessRow {
  measure: 'identificationToAcceptance' | 'referralResponse' | 'overdueReferrals';
  /** The category of the dimension asked, or '*' for all. */
  key: string;
  /** Cases (identification to acceptance) or referrals (the other two). */
  n: number;
  /** Distinct cases behind `n`. */
  cases: number;
  keySum: bigint;
  /** Median days; null for overdue referrals. */
  median: number | null;
}

export interface StoredAnswer {
  epsilon: number;
  answer: unknown;
}

/**
 * The statistics' SQL. Case data comes only through the two SECURITY DEFINER functions of the
 * Statistics migration, which refuse any caller but the commission and return no id; the budget and
 * stored answers of the differential-privacy mode are tables of their own.
 */
@Injectable()
export class StatisticsRepository {
  constructor(private readonly context: RequestContext) {}

  async caseCounts(
    dimensions: readonly Dimension[],
    filters: Partial<Record<Dimension, string[]>>,
  ): Promise<CountRow[]> {
    const rows: { key: string[]; n: string | null; key_sum: string | null }[] = await this.context.manager.query(
      `SELECT key, n, key_sum FROM panoh_statistics_case_counts($1::text[], $2::jsonb)`,
      [dimensions, JSON.stringify(filters)],
    );
    // An empty population gives the grand total with no sums: it counts 0, like any empty entry.
    return rows.map((row) => ({ key: row.key, n: Number(row.n ?? 0), keySum: BigInt(row.key_sum ?? 0) }));
  }

  async timeliness(
    dimension: Dimension | undefined,
    filters: Partial<Record<Dimension, string[]>>,
  ): Promise<TimelinessRow[]> {
    const rows: {
      measure: TimelinessRow['measure'];
      key: string;
      n: string;
      cases: string;
      key_sum: string | null;
      median: string | null;
    }[] = await this.context.manager.query(
      `SELECT measure, key, n, cases, key_sum, median FROM panoh_statistics_timeliness($1, $2::jsonb)`,
      [dimension ?? null, JSON.stringify(filters)],
    );
    return rows.map((row) => ({
      measure: row.measure,
      key: row.key,
      n: Number(row.n),
      cases: Number(row.cases),
      keySum: BigInt(row.key_sum ?? 0),
      median: row.median === null ? null : Number(row.median),
    }));
  }

  async ctdcRecords(): Promise<CtdcSourceRecord[]> {
    const rows: {
      year: number;
      gender: string | null;
      age_band: string | null;
      citizenship: string | null;
      country_of_exploitation: string | null;
      exploitation_types: string[];
      means_of_control: string[];
      labour_sector: string | null;
      sex_exploitation_types: string[];
    }[] = await this.context.manager.query(`SELECT * FROM panoh_statistics_ctdc_records()`);
    return rows.map((row) => ({
      year: row.year,
      gender: row.gender,
      ageBand: row.age_band,
      citizenship: row.citizenship,
      countryOfExploitation: row.country_of_exploitation,
      exploitationTypes: row.exploitation_types,
      meansOfControl: row.means_of_control,
      labourSector: row.labour_sector,
      sexExploitationTypes: row.sex_exploitation_types,
    }));
  }

  /**
   * Records that the calling user asked `question` today (UTC) and returns how many distinct questions
   * they asked today, this one included. The user's row lock serialises their concurrent requests.
   */
  async recordQuestion(question: string): Promise<number> {
    await this.context.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('panoh.statistics_question:' || current_setting('panoh.user_id'), 0))`,
    );
    await this.context.manager.query(
      `INSERT INTO statistics_question (user_id, day, question)
       VALUES (current_setting('panoh.user_id')::uuid, (now() AT TIME ZONE 'UTC')::date, $1)
       ON CONFLICT DO NOTHING`,
      [question],
    );
    const rows: { n: string }[] = await this.context.manager.query(
      `SELECT count(*) AS n FROM statistics_question
       WHERE user_id = current_setting('panoh.user_id')::uuid AND day = (now() AT TIME ZONE 'UTC')::date`,
    );
    return Number(rows[0].n);
  }

  async storedAnswer(question: string): Promise<StoredAnswer | undefined> {
    const rows: { epsilon: string; answer: unknown }[] = await this.context.manager.query(
      `SELECT epsilon, answer FROM statistics_answer WHERE question = $1`,
      [question],
    );
    return rows[0] ? { epsilon: Number(rows[0].epsilon), answer: rows[0].answer } : undefined;
  }

  /** The ε spent in `period`, with the period's row locked until the transaction ends. */
  async lockBudget(period: string): Promise<number> {
    await this.context.manager.query(
      `INSERT INTO statistics_privacy_budget (period, epsilon_spent) VALUES ($1, 0) ON CONFLICT (period) DO NOTHING`,
      [period],
    );
    const rows: { epsilon_spent: string }[] = await this.context.manager.query(
      `SELECT epsilon_spent FROM statistics_privacy_budget WHERE period = $1 FOR UPDATE`,
      [period],
    );
    return Number(rows[0].epsilon_spent);
  }

  async spend(period: string, question: string, epsilon: number, answer: unknown): Promise<void> {
    await this.context.manager.query(
      `UPDATE statistics_privacy_budget SET epsilon_spent = epsilon_spent + $2, updated_at = now() WHERE period = $1`,
      [period, epsilon],
    );
    await this.context.manager.query(
      `INSERT INTO statistics_answer (question, period, epsilon, answer) VALUES ($1, $2, $3, $4::jsonb)`,
      [question, period, epsilon, JSON.stringify(answer)],
    );
  }
}
