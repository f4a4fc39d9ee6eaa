import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const ERROR = { $ref: '#/components/schemas/ErrorBody' };

/**
 * The refusals every operation can give because of what it is, not of what it does: the guard (401,
 * 403) for every operation that needs a session, the validation pipe (400) for every operation that
 * takes input, 404 for every operation that names a record (one the caller may not see, too). The
 * refusals of each domain (409, 410, 422, 429...) and failures (500, 503) are the `default`.
 */
function errorsOf(path: string, operation: Operation): Record<string, string> {
  const errors: Record<string, string> = {};
  if (operation.parameters?.length || operation.requestBody) errors['400'] = 'Bad input; `details` names the fields';
  if (operation.security?.length) {
    errors['401'] = 'No session, or the session ended';
    errors['403'] = "The caller's role lacks the permission this operation needs";
  }
  if (path.includes('{')) errors['404'] = 'No such record, or not one the caller may see (the same answer)';
  errors.default = 'Any other refusal or failure (conflict, erased, rule not met, too many requests, unavailable)';
  return errors;
}

/** The API's OpenAPI description: every operation with its answers, the error shape on each refusal. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Panoh')
      .setDescription('Confidential case database and National Referral Mechanism for victims of trafficking')
      .setVersion('0.1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'opaque',
          description: 'The opaque session token POST /auth/login answers; it means nothing outside this service',
        },
        'bearer',
      )
      .build(),
    { extraModels: [ErrorBody] },
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, description] of Object.entries(errorsOf(path, operation))) {
        operation.responses[status] ??= { description, content: { 'application/json': { schema: ERROR } } };
      }
    }
  }
  return document;
}
