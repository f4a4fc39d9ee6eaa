import { AssistanceException } from './assistance.exception';
import { checkSchedule, ItemSchedule } from './assistance-rules';

const PLANNED: ItemSchedule = {
  status: 'planned',
  plannedStart: '2026-01-10',
  plannedEnd: '2026-02-10',
  actualStart: null,
  actualEnd: null,
};

function fieldRefused(item: ItemSchedule): string | undefined {
  try {
    checkSchedule(item);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AssistanceException);
    return (error as AssistanceException).field;
  }
}

describe('the schedule of an assistance item', () => {
  it('accepts each status with the dates it needs', () => {
    expect(fieldRefused(PLANNED)).toBeUndefined();
    expect(fieldRefused({ ...PLANNED, status: 'in_progress', actualStart: '2026-01-11' })).toBeUndefined();
    expect(
      fieldRefused({ ...PLANNED, status: 'delivered', actualStart: '2026-01-11', actualEnd: '2026-01-11' }),
    ).toBeUndefined();
    expect(fieldRefused({ ...PLANNED, status: 'cancelled' })).toBeUndefined();
    expect(fieldRefused({ ...PLANNED, status: 'cancelled', actualStart: '2026-01-11' })).toBeUndefined();
  });

  it('names the field that contradicts the status or the order of dates', () => {
    expect(fieldRefused({ ...PLANNED, plannedEnd: '2026-01-09' })).toBe('plannedEnd');
    expect(fieldRefused({ ...PLANNED, status: 'planned', actualStart: '2026-01-11' })).toBe('status');
    expect(fieldRefused({ ...PLANNED, status: 'in_progress' })).toBe('actualStart');
    expect(
      fieldRefused({ ...PLANNED, status: 'in_progress', actualStart: '2026-01-11', actualEnd: '2026-01-12' }),
    ).toBe('status');
    expect(fieldRefused({ ...PLANNED, status: 'delivered', actualStart: '2026-01-11' })).toBe('actualEnd');
    expect(fieldRefused({ ...PLANNED, status: 'cancelled', actualEnd: '2026-01-11' })).toBe('actualStart');
    expect(fieldRefused({ ...PLANNED, status: 'delivered', actualStart: '2026-01-11', actualEnd: '2026-01-10' })).toBe(
      'actualEnd',
    );
  });
});
