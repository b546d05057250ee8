import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from './domain-error';

/** Flattens class-validator's tree into `{ field: 'title.ru', messages }` rows. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      out.push({ field, messages: Object.values(error.constraints) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationFailed(problems: FieldProblem[]): DomainError {
  const fields = [...new Set(problems.map((p) => p.field))];
  return new DomainError('invalid', 'VALIDATION_FAILED', `Invalid input: ${fields.join(', ')}`, problems);
}

/**
 * A body a route describes with a class is required (its OpenAPI says so): a request without
 * one is a 400 naming `body`, not a request with every field left out.
 */
class RequiredBodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && metadata.metatype && metadata.metatype !== Object) {
      return Promise.reject(validationFailed([{ field: 'body', messages: ['is required: send a JSON object'] }]));
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** The global pipe: allow-listed, strict and transforming, with per-field errors; a described body is required. */
export function createValidationPipe(): ValidationPipe {
  return new RequiredBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
