import { SetMetadata } from '@nestjs/common';

export const BODY_LIMIT_KEY = 'panoh:body-limit';

/** A size as the body parser reads it: `4kb`, `2mb`. */
export type BodySize = `${number}kb` | `${number}mb`;

/**
 * The body of a route whose fields are a few short ones (credentials, a code, a name): 4 KB holds the
 * largest such body with every character written as a `\uXXXX` escape, and a stranger posting 2 MB to
 * the login route is refused from its Content-Length, before a byte of it is read.
 */
export const SMALL_BODY: BodySize = '4kb';

/**
 * The largest JSON body a route reads, on a handler or on a controller for each of its routes. Without
 * one a route reads the service's default (AppConfig.jsonBodyLimit), which the routes carrying free
 * text need. The body parser reads these declarations (json-body.ts); the route inventory lists them.
 */
export const BodyLimit = (size: BodySize) => SetMetadata(BODY_LIMIT_KEY, size);
