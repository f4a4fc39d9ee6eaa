import { InvestigationException } from './investigations.exception';
import { checkProceeding } from './proceeding-rules';

function refused(step: Parameters<typeof checkProceeding>[0]): string | undefined {
  try {
    checkProceeding(step);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvestigationException);
    return (error as InvestigationException).field;
  }
}

describe('a step of criminal proceedings', () => {
  it('accepts an outcome that fits its kind, and a closing day on or after the opening', () => {
    expect(refused({ kind: 'investigation', openedOn: '2026-01-01', closedOn: '2026-01-01', outcome: 'charged' })).toBe(
      undefined,
    );
    expect(refused({ kind: 'verdict', openedOn: '2026-03-01', closedOn: null, outcome: 'convicted' })).toBe(undefined);
  });

  it('names the field that does not fit', () => {
    expect(refused({ kind: 'trial', openedOn: '2026-01-02', closedOn: '2026-01-01', outcome: null })).toBe('closedOn');
    expect(refused({ kind: 'investigation', openedOn: '2026-01-02', closedOn: null, outcome: 'convicted' })).toBe(
      'outcome',
    );
    expect(refused({ kind: 'verdict', openedOn: '2026-01-02', closedOn: null, outcome: 'charged' })).toBe('outcome');
  });
});
