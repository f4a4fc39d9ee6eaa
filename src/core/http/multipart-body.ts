import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';

/** The file of a multipart request, held in memory only (never a temporary file on disk). */
export interface UploadedFile {
  /** The name the client gave, as sent: victim data, encrypted before it is stored. */
  originalName: string;
  content: Buffer;
}

/** Why a multipart body was not taken, said by the route once the caller is known. */
export interface MultipartProblem {
  status: 400 | 413;
  field: string;
  problem: string;
}

export interface MultipartRequest extends Request {
  uploadedFile?: UploadedFile;
  multipartProblem?: MultipartProblem;
}

/** The form's text fields: a few short ones (a code, a description, the form token). */
const FIELD_BYTES = 4 * 1024;
const MAX_FIELDS = 8;

/**
 * Reads `multipart/form-data` bodies of the routes `paths` matches (POST only), before routing, so
 * that no request holds a database connection while its upload arrives and the page guard finds the
 * form token among the fields. One file, in field `file`, at most `maxFileBytes`, held in memory
 * (multer's memory storage: the limit is enforced while reading, and the rest of an oversized body
 * is drained, not kept). Nothing is refused here: a problem is left on the request for the route to
 * answer, after the caller is authenticated and with its audit event. A request that carries no
 * credential at all (`carriesCredential` false) is not read: the guard refuses it at once, so an
 * anonymous client cannot make the service take in a file.
 */
export function multipartBody(
  paths: RegExp,
  maxFileBytes: number,
  carriesCredential: (request: Request) => boolean,
): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: maxFileBytes,
      files: 1,
      fields: MAX_FIELDS,
      fieldSize: FIELD_BYTES,
      fieldNameSize: 64,
      parts: MAX_FIELDS + 1,
      headerPairs: 20,
    },
    defParamCharset: 'utf8',
  }).single('file');
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'POST' || !paths.test(request.path) || !request.is('multipart/form-data')) return next();
    if (!carriesCredential(request)) return next();
    upload(request, response, (error?: unknown) => {
      const taken = request as MultipartRequest & { file?: Express.Multer.File };
      if (error) {
        taken.multipartProblem = problemOf(error, maxFileBytes);
        taken.body = taken.body && typeof taken.body === 'object' ? { ...taken.body } : {};
      } else {
        taken.body = { ...(taken.body as Record<string, unknown>) };
        if (taken.file) taken.uploadedFile = { originalName: taken.file.originalname, content: taken.file.buffer };
      }
      delete taken.file;
      next();
    });
  };
}

function problemOf(error: unknown, maxFileBytes: number): MultipartProblem {
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return { status: 413, field: 'file', problem: `must be at most ${maxFileBytes} bytes` };
      case 'LIMIT_UNEXPECTED_FILE':
      case 'LIMIT_FILE_COUNT':
        return { status: 400, field: 'file', problem: 'must be one file, sent in the field "file"' };
      case 'LIMIT_FIELD_VALUE':
        return { status: 400, field: 'body', problem: `holds a field longer than ${FIELD_BYTES} bytes` };
      default:
        return { status: 400, field: 'body', problem: 'holds more fields or parts than this form has' };
    }
  }
  return { status: 400, field: 'body', problem: 'is not a readable multipart/form-data body' };
}
