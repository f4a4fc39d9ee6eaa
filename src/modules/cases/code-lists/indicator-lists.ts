import type { CodeList } from './lists/code-list';
import { ILO_EC_OPERATIONAL_LIST } from './lists/ilo-ec-operational';
import { ILO_FORCED_LABOUR_LIST } from './lists/ilo-forced-labour';

/**
 * Screening indicator lists, each with a version stored with every screening, so a result can be
 * read against the list it was made with.
 */
export interface IndicatorList {
  id: string;
  version: string;
  source: string;
  indicators: readonly string[];
}

function indicatorList({ list, codes }: { list: CodeList; codes: readonly string[] }): IndicatorList {
  return { id: list.name, version: list.version as string, source: list.source, indicators: codes };
}

export const ILO_FORCED_LABOUR: IndicatorList = indicatorList(ILO_FORCED_LABOUR_LIST);
export const ILO_EC_OPERATIONAL: IndicatorList = indicatorList(ILO_EC_OPERATIONAL_LIST);

export const INDICATOR_LISTS: readonly IndicatorList[] = [ILO_EC_OPERATIONAL, ILO_FORCED_LABOUR];

export { SCREENING_RESULTS } from './lists/screening-result';
export type { ScreeningResult } from './lists/screening-result';
