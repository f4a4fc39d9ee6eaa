/** A setting that is missing or wrong. The message names the setting and never echoes a secret value. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Configuration error: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}
