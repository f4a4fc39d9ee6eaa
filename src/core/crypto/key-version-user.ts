/**
 * Something stored under a KEK version: wrapped data keys, sealed TOTP secrets. Rotation re-wraps
 * each one's items in batches; retiring a version waits until none of them uses it.
 */
export interface KeyVersionUser {
  /** What it holds, as `keys:status` prints it. */
  readonly name: string;
  /** How many items each KEK version wraps. */
  countByVersion(): Promise<Map<number, number>>;
  /**
   * When each version first wrapped one of the items it holds now (created under it, or re-wrapped to
   * it): how long a version has been in use, for those that keep the time.
   */
  firstWrappedByVersion?(): Promise<Map<number, Date>>;
  /** Re-wraps up to `limit` items under a version below `target` to `target`; returns how many it did. */
  rewrapBatch(target: number, limit: number): Promise<number>;
}
