import type { Language } from '../../../core/web/i18n';
import { labelledList } from '../code-lists';
import type { LabelledList } from '../code-lists';

/** The code lists the case pages show, labelled in the person's language. */
export interface CaseLabels {
  stage: LabelledList;
  status: LabelledList;
  statusDecidedBy: LabelledList;
  gender: LabelledList;
  ageBand: LabelledList;
  childAgeBand: LabelledList;
  country: LabelledList;
  region: LabelledList;
  labourSector: LabelledList;
  exploitationType: LabelledList;
  meansOfControl: LabelledList;
  recruitmentMethod: LabelledList;
  closureReason: LabelledList;
  sexExploitationType: LabelledList;
  eventType: LabelledList;
  consentPurpose: LabelledList;
  referralPurpose: LabelledList;
  screeningResult: LabelledList;
  /** An indicator list by its id (a screening's `indicatorList`). */
  indicators(list: string): LabelledList;
}

const cache = new Map<Language, CaseLabels>();

export function caseLabels(language: Language): CaseLabels {
  let labels = cache.get(language);
  if (!labels) {
    const list = (name: string) => labelledList(name, language);
    labels = {
      stage: list('stage'),
      status: list('traffickingStatus'),
      statusDecidedBy: list('statusDecidedBy'),
      gender: list('gender'),
      ageBand: list('ageBand'),
      childAgeBand: list('childAgeBand'),
      country: list('country'),
      region: list('region'),
      labourSector: list('labourSector'),
      exploitationType: list('exploitationType'),
      meansOfControl: list('meansOfControl'),
      recruitmentMethod: list('recruitmentMethod'),
      closureReason: list('closureReason'),
      sexExploitationType: list('sexExploitationType'),
      eventType: list('traffickingEventType'),
      consentPurpose: list('consentPurpose'),
      referralPurpose: list('referralPurpose'),
      screeningResult: list('screeningResult'),
      indicators: (name) => {
        try {
          return list(name);
        } catch {
          // A list retired since the screening was made: its codes are shown as they are.
          return { label: (code) => code, choices: [] };
        }
      },
    };
    cache.set(language, labels);
  }
  return labels;
}

/** A day of an ISO instant or date, as the pages write days (YYYY-MM-DD, UTC). */
export function dayOf(value: string | Date): string {
  return (typeof value === 'string' ? value : value.toISOString()).slice(0, 10);
}

/** An instant as the pages write it: day and minute, UTC. */
export function momentOf(value: string): string {
  return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
}
