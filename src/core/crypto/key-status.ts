import type { KeyStatusDto, KeyVersionState, KeyVersionStatusDto } from './dto/key-status.dto';
import type { KeyStatus } from './key-rotation.service';

/** docs/operations.md: rotate the key-encryption key at least every 90 days. */
export const ROTATE_EVERY_DAYS = 90;

const DAY_MS = 24 * 3600 * 1000;

/**
 * What an administrator reads of the keys: each version (configured, or met on stored items), what it
 * wraps, since when, and what needs doing. Counts and dates only: nothing here is key material.
 */
export function keyStatusReport(status: KeyStatus, now: Date): KeyStatusDto {
  const versions = new Set<number>(status.configuredVersions);
  for (const { byVersion } of status.usage) for (const version of byVersion.keys()) versions.add(version);
  const rows: KeyVersionStatusDto[] = [...versions]
    .sort((a, b) => a - b)
    .map((version) => {
      const items = status.usage.map(({ name, byVersion }) => ({ name, count: byVersion.get(version) ?? 0 }));
      const since = status.firstWrapped.get(version);
      return {
        version,
        state: stateOf(version, status, items.some((i) => i.count > 0)),
        items,
        inUseSince: since ? since.toISOString() : null,
        ageDays: since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS)) : null,
      };
    });
  const active = rows.find((r) => r.version === status.activeVersion);
  return {
    activeVersion: status.activeVersion,
    source: status.source,
    rotateEveryDays: ROTATE_EVERY_DAYS,
    rotationDue: (active?.ageDays ?? 0) > ROTATE_EVERY_DAYS,
    rotationUnfinished: rows.some((r) => r.state === 'rotation_unfinished'),
    versions: rows,
  };
}

function stateOf(version: number, status: KeyStatus, used: boolean): KeyVersionState {
  if (!status.configuredVersions.includes(version)) return 'not_configured';
  if (version === status.activeVersion) return 'active';
  return used ? 'rotation_unfinished' : 'unused';
}
