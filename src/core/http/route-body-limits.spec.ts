import { RouteBodyLimits } from './route-body-limits';

describe('the body limit of the route a request reaches', () => {
  const limits = new RouteBodyLimits(
    [
      { method: 'POST', path: '/auth/login', bodyLimit: '4kb' },
      { method: 'POST', path: '/cases', bodyLimit: undefined },
      { method: 'PATCH', path: '/cases/:id', bodyLimit: undefined },
      { method: 'POST', path: '/persons/:id', bodyLimit: undefined },
      { method: 'POST', path: '/persons/duplicates', bodyLimit: '16kb' },
      { method: 'GET', path: '/cases', bodyLimit: '1kb' },
    ],
    '2mb',
  );

  it("is the route's own, or the default where it declares none", () => {
    expect(limits.limitOf('POST', '/auth/login')).toBe('4kb');
    expect(limits.limitOf('POST', '/cases')).toBe('2mb');
    expect(limits.limitOf('PATCH', '/cases/4f1c')).toBe('2mb');
  });

  it('finds the route however Express would reach it: any case, a trailing slash, HEAD as GET', () => {
    expect(limits.limitOf('post', '/AUTH/Login')).toBe('4kb');
    expect(limits.limitOf('POST', '/auth/login/')).toBe('4kb');
    expect(limits.limitOf('HEAD', '/cases')).toBe('1kb');
  });

  it('prefers the route with more literal segments', () => {
    expect(limits.limitOf('POST', '/persons/duplicates')).toBe('16kb');
    expect(limits.limitOf('POST', '/persons/5e0a')).toBe('2mb');
  });

  it('reads no more than a small body for a request no route takes', () => {
    expect(limits.limitOf('POST', '/auth/login/again')).toBe('4kb');
    expect(limits.limitOf('PUT', '/cases')).toBe('4kb');
    expect(limits.limitOf('POST', '/cases//x')).toBe('4kb');
    expect(limits.limitOf('PATCH', '/cases/')).toBe('4kb');
    expect(limits.limitOf('POST', '/auth/%6Cogin')).toBe('4kb');
  });
});
