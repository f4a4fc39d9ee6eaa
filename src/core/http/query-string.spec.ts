import type { NextFunction, Request, Response } from 'express';
import { MAX_QUERY_PARAMETERS, parseQuery, refuseWideQueries } from './query-string';
import { InputValidationException } from './validation';

describe('query strings', () => {
  const refusalOf = (url: string): unknown => {
    let passed: unknown = 'not called';
    refuseWideQueries()({ url } as Request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
    return passed;
  };

  it('reads a bracketed name as one parameter, and a repeated one as a list', () => {
    expect({ ...parseQuery('a[b][c]=1&a[]=2&x=1&x=2') }).toEqual({ 'a[b][c]': '1', 'a[]': '2', x: ['1', '2'] });
  });

  it('makes __proto__ an own parameter, of an object without a prototype', () => {
    const parsed = parseQuery('__proto__=1&constructor=2');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
  });

  it('passes a query of up to 100 parameters, each of them read, and refuses one more, naming the query', () => {
    expect(MAX_QUERY_PARAMETERS).toBe(100);
    const at = Array.from({ length: 100 }, (_, i) => `p${i}=1`).join('&');
    expect(refusalOf(`/cases?${at}`)).toBeUndefined();
    expect(Object.keys(parseQuery(at))).toHaveLength(100);
    const beyond = refusalOf(`/cases?${at}&one=more`);
    expect(beyond).toBeInstanceOf(InputValidationException);
    expect((beyond as InputValidationException).details).toEqual([
      { field: 'query', problem: 'has more than 100 parameters' },
    ]);
  });

  it('counts empty parameters as the parser does', () => {
    expect(refusalOf(`/cases?${'&'.repeat(99)}`)).toBeUndefined();
    expect(refusalOf(`/cases?${'&'.repeat(100)}`)).toBeInstanceOf(InputValidationException);
    expect(refusalOf('/cases')).toBeUndefined();
  });
});
