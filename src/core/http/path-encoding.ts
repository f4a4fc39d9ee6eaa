import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { InputValidationException } from './validation';

/**
 * Refuses a path with a segment that is not valid percent-encoding (`/cases/%FF%FE`) before routing,
 * naming the route's parameter at that place (or `path` when no route has one there). The router's own
 * refusal quoted the segment and named nothing.
 */
export function refuseUndecodablePaths(routePaths: () => string[]): RequestHandler {
  let patterns: string[][] | undefined;
  return (request: Request, _response: Response, next: NextFunction): void => {
    const segments = request.path.split('/');
    const bad = segments.findIndex((segment) => segment.includes('%') && !decodes(segment));
    if (bad === -1) return next();
    patterns ??= routePaths().map((path) => path.split('/'));
    next(
      new InputValidationException([
        { field: parameterAt(patterns, segments, bad), problem: 'is not valid percent-encoding' },
      ]),
    );
  };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The parameter that routes of this shape have at position `index`. */
function parameterAt(patterns: string[][], segments: string[], index: number): string {
  for (const pattern of patterns) {
    if (pattern.length !== segments.length || !pattern[index].startsWith(':')) continue;
    const fits = pattern.every((part, i) => i === index || part.startsWith(':') || part === segments[i]);
    if (fits) return pattern[index].slice(1);
  }
  return 'path';
}
