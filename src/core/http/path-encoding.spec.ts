import type { NextFunction, Request, Response } from 'express';
import { refuseUndecodablePaths } from './path-encoding';
import { InputValidationException } from './validation';

const ROUTES = ['/cases/:id', '/cases/:id/consents/:consentId/withdraw', '/persons/:id', '/health'];

function refusal(path: string): unknown {
  let passed: unknown = 'not called';
  const next: NextFunction = (error?: unknown) => (passed = error);
  refuseUndecodablePaths(() => ROUTES)({ path } as Request, {} as Response, next);
  return passed;
}

describe('paths that are not valid percent-encoding', () => {
  it('lets a path through that decodes', () => {
    expect(refusal('/cases/0b6c9f9e-3c1a-4f5e-9d6b-1a2b3c4d5e6f')).toBeUndefined();
    expect(refusal('/cases/%D0%97%D0%B0')).toBeUndefined();
  });

  it('names the parameter of the route at the place of the bad segment', () => {
    const cases: Array<[string, string]> = [
      ['/cases/%FF%FE', 'id'],
      ['/cases/abc/consents/%E0%A4%A/withdraw', 'consentId'],
      ['/persons/%', 'id'],
      ['/no-such/%FF', 'path'],
      ['/health/%FF', 'path'],
    ];
    for (const [path, field] of cases) {
      const error = refusal(path);
      expect(error).toBeInstanceOf(InputValidationException);
      expect((error as InputValidationException).details).toEqual([
        { field, problem: 'is not valid percent-encoding' },
      ]);
    }
  });
});
