import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeyRotationService } from '../crypto/key-rotation.service';
import { KeyVersionUser } from '../crypto/key-version-user';
import { KeyPurpose, KeyRing } from '../crypto/key-ring';
import { SecretBox } from '../crypto/secret-box';
import { SODIUM } from '../crypto/sodium.provider';
import type { Sodium } from '../crypto/sodium.provider';

const TOTP_COLUMNS = ['totp_secret', 'totp_pending_secret'] as const;

/** Where a TOTP secret is sealed; the sealed box is bound to it. */
export function totpContext(userId: string, column: string): string {
  return `app_user|${column}|${userId}`;
}

/** Sealed TOTP secrets, re-sealed under the new KEK version when keys rotate (few rows: read whole). */
@Injectable()
export class TotpSecretRotation implements KeyVersionUser, OnModuleInit {
  readonly name = 'TOTP secrets';
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rotation: KeyRotationService,
    @Inject(SODIUM) sodium: Sodium,
    keys: KeyRing,
  ) {
    this.box = new SecretBox(sodium, keys, KeyPurpose.TotpSecret);
  }

  onModuleInit(): void {
    this.rotation.register(this);
  }

  async countByVersion(): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const { box } of await this.sealed()) {
      const version = SecretBox.versionOf(box);
      counts.set(version, (counts.get(version) ?? 0) + 1);
    }
    return counts;
  }

  async rewrapBatch(target: number, limit: number): Promise<number> {
    const stale = (await this.sealed()).filter(({ box }) => SecretBox.versionOf(box) < target).slice(0, limit);
    let done = 0;
    for (const { userId, column, box } of stale) {
      const resealed = this.box.reseal(box, totpContext(userId, column), target);
      // Only if unchanged since read: an enrolment meanwhile wrote a fresh secret under the active version.
      const result: [unknown, number] = await this.dataSource.query(
        `UPDATE app_user SET ${column} = $3 WHERE id = $1 AND ${column} = $2`,
        [userId, box, resealed],
      );
      done += result[1];
    }
    return done;
  }

  private async sealed(): Promise<Array<{ userId: string; column: string; box: Buffer }>> {
    const rows: Array<{ id: string; totp_secret: Buffer | null; totp_pending_secret: Buffer | null }> =
      await this.dataSource.query(
        `SELECT id, totp_secret, totp_pending_secret FROM app_user
         WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL`,
      );
    return rows.flatMap((row) =>
      TOTP_COLUMNS.flatMap((column) => (row[column] ? [{ userId: row.id, column, box: row[column] as Buffer }] : [])),
    );
  }
}
