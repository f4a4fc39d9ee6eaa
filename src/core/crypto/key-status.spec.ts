import { keyStatusReport } from './key-status';

const NOW = new Date('2026-06-30T12:00:00Z');

describe('the key status report', () => {
  it('says that an active version older than 90 days is due for rotation, and gives its age in days', () => {
    const report = keyStatusReport(
      {
        activeVersion: 1,
        configuredVersions: [1],
        usage: [{ name: 'data keys', byVersion: new Map([[1, 5]]) }],
        firstWrapped: new Map([[1, new Date('2026-03-01T12:00:00Z')]]),
        source: 'file',
      },
      NOW,
    );
    expect(report.rotationDue).toBe(true);
    expect(report.versions).toEqual([
      { version: 1, state: 'active', items: [{ name: 'data keys', count: 5 }], inUseSince: '2026-03-01T12:00:00.000Z', ageDays: 121 },
    ]);
  });

  it('tells an unfinished rotation, a version that may be retired and items under a version the key file lacks', () => {
    const report = keyStatusReport(
      {
        activeVersion: 3,
        configuredVersions: [1, 2, 3],
        usage: [
          { name: 'data keys', byVersion: new Map([[2, 4], [3, 10], [4, 1]]) },
          { name: 'TOTP secrets', byVersion: new Map([[3, 2]]) },
        ],
        firstWrapped: new Map([[3, new Date('2026-06-20T12:00:00Z')]]),
        source: 'environment',
      },
      NOW,
    );
    expect(report.rotationDue).toBe(false);
    expect(report.rotationUnfinished).toBe(true);
    expect(report.versions.map((v) => [v.version, v.state, v.ageDays])).toEqual([
      [1, 'unused', null],
      [2, 'rotation_unfinished', null],
      [3, 'active', 10],
      [4, 'not_configured', null],
    ]);
  });
});
