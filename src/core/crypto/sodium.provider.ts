import sodium from 'libsodium-wrappers';

export type Sodium = typeof sodium;
export const SODIUM = Symbol('SODIUM');

let ready: Promise<Sodium> | undefined;

/** libsodium's WebAssembly module is loaded once per process and awaited before first use. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodium.ready.then(() => sodium);
  return ready;
}

export const sodiumProvider = { provide: SODIUM, useFactory: loadSodium };
