import type { Response } from 'express';
import { bandedCount } from './ctdc-export';
import type { StatisticsService } from './statistics.service';

export const CTDC_FILENAME = 'panoh-ctdc.csv';

/**
 * The CTDC dataset as a download, for the API and the page alike: the CSV, with its summary in
 * headers — banded, not exact (docs/statistics.md): `0`, `<k`, or rounded to the nearest 5.
 */
export async function ctdcDownload(statistics: StatisticsService, response: Response): Promise<string> {
  const { result, threshold } = await statistics.exportCtdc();
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${CTDC_FILENAME}"`);
  response.setHeader('X-Panoh-Records', bandedCount(result.records, threshold));
  response.setHeader('X-Panoh-Records-Generalised', bandedCount(result.generalised, threshold));
  response.setHeader('X-Panoh-Records-Withheld', bandedCount(result.withheld, threshold));
  response.setHeader(
    'X-Panoh-Generalisation',
    Object.entries(result.levels)
      .map(([name, level]) => `${name}=${level}`)
      .join(';'),
  );
  return result.csv;
}
