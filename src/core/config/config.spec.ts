import {
  ConfigError,
  parseAppConfig,
  parseAuthConfig,
  parseCryptoConfig,
  parseDatabaseConfig,
  parseStatisticsConfig,
  parseWebAuthnConfig,
  validateAllConfig,
} from '.';

describe('configuration', () => {
  it('starts with defaults in development', () => {
    expect(() => validateAllConfig({})).not.toThrow();
    expect(parseDatabaseConfig({}).embedded).toBe(true);
  });

  it('reads the statistics settings, suppression with k = 11 by default, naming a wrong one', () => {
    expect(parseStatisticsConfig({})).toMatchObject({
      mode: 'suppression',
      threshold: 11,
      monthlyRequests: 20,
      releaseRho: 0.5,
    });
    expect(() => validateAllConfig({ PANOH_STATISTICS_MONTHLY_REQUESTS: '0' })).toThrow(
      /PANOH_STATISTICS_MONTHLY_REQUESTS/,
    );
    expect(parseStatisticsConfig({ PANOH_STATISTICS_MODE: 'dp', PANOH_STATISTICS_RELEASE_RHO: '0.25' })).toMatchObject({
      mode: 'dp',
      releaseRho: 0.25,
    });
    expect(() => validateAllConfig({ PANOH_STATISTICS_MODE: 'noise' })).toThrow(/PANOH_STATISTICS_MODE/);
    expect(() => validateAllConfig({ PANOH_STATISTICS_THRESHOLD: '2' })).toThrow(/PANOH_STATISTICS_THRESHOLD/);
    expect(() => validateAllConfig({ PANOH_STATISTICS_RELEASE_RHO: '0' })).toThrow(/PANOH_STATISTICS_RELEASE_RHO/);
  });

  it('defaults the WebAuthn relying party to the local service in development, and names a wrong setting', () => {
    expect(parseWebAuthnConfig({})).toEqual({
      rpId: 'localhost',
      rpName: 'Panoh',
      origins: ['http://localhost:3000'],
      challengeSeconds: 300,
    });
    expect(parseWebAuthnConfig({ PORT: '8080' }).origins).toEqual(['http://localhost:8080']);
    const prod = {
      NODE_ENV: 'production',
      PANOH_WEBAUTHN_RP_ID: 'panoh.example.tj',
      PANOH_WEBAUTHN_RP_NAME: 'Panoh NRM',
      PANOH_WEBAUTHN_ORIGINS: 'https://panoh.example.tj, https://shelter.panoh.example.tj',
    };
    expect(parseWebAuthnConfig(prod)).toMatchObject({
      rpId: 'panoh.example.tj',
      origins: ['https://panoh.example.tj', 'https://shelter.panoh.example.tj'],
    });
    for (const name of ['PANOH_WEBAUTHN_RP_ID', 'PANOH_WEBAUTHN_RP_NAME', 'PANOH_WEBAUTHN_ORIGINS']) {
      expect(() => parseWebAuthnConfig({ ...prod, [name]: '' })).toThrow(
        new RegExp(`${name} is required in production`),
      );
    }
    expect(() => parseWebAuthnConfig({ ...prod, PANOH_WEBAUTHN_ORIGINS: 'http://panoh.example.tj' })).toThrow(/https/);
    expect(() => parseWebAuthnConfig({ ...prod, PANOH_WEBAUTHN_ORIGINS: 'https://evil.example' })).toThrow(
      /PANOH_WEBAUTHN_ORIGINS must be PANOH_WEBAUTHN_RP_ID or a subdomain/,
    );
    expect(() => parseWebAuthnConfig({ ...prod, PANOH_WEBAUTHN_ORIGINS: 'https://panoh.example.tj/' })).toThrow(
      /origins only/,
    );
    expect(() => parseWebAuthnConfig({ PANOH_WEBAUTHN_RP_ID: 'https://panoh.example.tj' })).toThrow(
      /PANOH_WEBAUTHN_RP_ID/,
    );
  });

  it('names a malformed port', () => {
    expect(() => validateAllConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('names a database URL that is not a PostgreSQL URL', () => {
    expect(() => validateAllConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });

  it('refuses production without a database URL', () => {
    expect(() => parseDatabaseConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseDatabaseConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL/);
  });

  it('refuses production without keys', () => {
    expect(() => parseCryptoConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://a@b/c' })).toThrow(
      /PANOH_KEY_FILE/,
    );
  });

  it('reads the blind-index population and the duplicate-check limit, naming a wrong one', () => {
    expect(parseCryptoConfig({})).toMatchObject({
      blindIndexPopulation: 100000,
      duplicateChecksPerWindow: 30,
      duplicateCheckWindowSeconds: 3600,
    });
    expect(() => parseCryptoConfig({ PANOH_BLIND_INDEX_POPULATION: '10' })).toThrow(/PANOH_BLIND_INDEX_POPULATION/);
    expect(() => parseCryptoConfig({ PANOH_DUPLICATE_CHECKS_PER_WINDOW: 'many' })).toThrow(
      /PANOH_DUPLICATE_CHECKS_PER_WINDOW/,
    );
  });

  it('requires MFA by default in production only', () => {
    expect(parseAuthConfig({ NODE_ENV: 'production' }).requireMfa).toBe(true);
    expect(parseAuthConfig({}).requireMfa).toBe(false);
    expect(() => parseAuthConfig({ PANOH_REQUIRE_MFA: 'maybe' })).toThrow(/PANOH_REQUIRE_MFA/);
  });

  it('serves the API documentation by default outside production only, and as asked for', () => {
    expect(parseAppConfig({ NODE_ENV: 'production' }).openApiDocs).toBe(false);
    expect(parseAppConfig({ NODE_ENV: 'production', PANOH_OPENAPI_DOCS: 'true' }).openApiDocs).toBe(true);
    expect(parseAppConfig({}).openApiDocs).toBe(true);
    expect(parseAppConfig({ NODE_ENV: 'test' }).openApiDocs).toBe(true);
    expect(parseAppConfig({ PANOH_OPENAPI_DOCS: 'false' }).openApiDocs).toBe(false);
    expect(() => parseAppConfig({ PANOH_OPENAPI_DOCS: 'sometimes' })).toThrow(/PANOH_OPENAPI_DOCS/);
  });

  it('hashes passwords with argon2id at m=64 MiB, t=3, p=1 everywhere but under NODE_ENV=test', () => {
    const owasp = { memoryKiB: 65536, timeCost: 3, parallelism: 1 };
    expect(parseAuthConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }).argon2).toEqual(owasp);
    expect(parseAuthConfig({ NODE_ENV: 'development' }).argon2).toEqual(owasp);
    expect(parseAuthConfig({}).argon2).toEqual(owasp);
    expect(parseAuthConfig({ NODE_ENV: 'test' }).argon2.memoryKiB).toBeLessThan(owasp.memoryKiB);
  });

  it('refuses NODE_ENV=test outside the test runner', () => {
    const worker = process.env.JEST_WORKER_ID;
    try {
      delete process.env.JEST_WORKER_ID;
      expect(() => validateAllConfig({ NODE_ENV: 'test' })).toThrow(/NODE_ENV is "test", which only the test suite/);
    } finally {
      process.env.JEST_WORKER_ID = worker;
    }
    expect(() => validateAllConfig({ NODE_ENV: 'test' })).not.toThrow();
  });

  it('names an unknown NODE_ENV', () => {
    expect(() => validateAllConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });
});
