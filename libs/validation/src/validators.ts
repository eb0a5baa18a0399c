import { applyDecorators } from '@nestjs/common';
import {
  IsDefined,
  IsObject,
  ValidateIf,
  ValidateNested,
  ValidationError,
  ValidationOptions,
  ValidatorOptions,
  registerDecorator,
  validate,
} from 'class-validator';
import { Transform, Type, plainToInstance } from 'class-transformer';
import { DomainErrorDetail, ValidationFailedException } from '@koers/errors';
import { isSubstantive } from '@koers/machines/trajectory';
import { isValidBsn } from './bsn';
import { isIsoDate, isIsoDateOrDateTime } from './iso-date';

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName,
        options: { message: `$property ${message}`, ...options },
        validator: { validate: (value: unknown) => test(value) },
      });
}

export const IsIsoDate = rule('isIsoDate', isIsoDate, 'must be an ISO 8601 date (YYYY-MM-DD)');
export const IsIsoDateOrDateTime = rule(
  'isIsoDateOrDateTime',
  isIsoDateOrDateTime,
  'must be an ISO 8601 date (2026-12-01) or date-time with offset (2026-12-01T14:30:00+01:00)',
);
/** Never echoes the value: a BSN must not end up in an error message or log. */
export const IsBsn = rule(
  'isBsn',
  (v) => typeof v === 'string' && isValidBsn(v),
  'is not a valid BSN (11-test)',
);
export const IsSubstantive = rule(
  'isSubstantive',
  (v) => typeof v === 'string' && isSubstantive(v),
  'must say something: at least a short sentence, not empty or a few characters',
);

/**
 * A nested object: a plain object (not null, not an array) validated against its class. Optional ones
 * may be left out, but not sent as null: the machine would read a property of null.
 */
export const NestedObject = (type: () => new () => object, opts: { optional?: boolean } = {}) =>
  applyDecorators(
    ...(opts.optional
      ? [ValidateIf((_object: object, value: unknown) => value !== undefined)]
      : [IsDefined()]),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );

/** Trims a string before it is validated, so "   " does not pass a length check. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

const STRICT: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** class-validator errors as field-named details ("signal.source must be one of ..."), values never echoed. */
export function toValidationDetails(errors: ValidationError[], parent = ''): DomainErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      code: 'invalid_field',
      field,
      message: error.constraints?.whitelistValidation
        ? `${field} is not an allowed field`
        : message.replace(new RegExp(`^${error.property}\\b`), field),
    }));
    return [...own, ...toValidationDetails(error.children ?? [], field)];
  });
}

/** Validates a plain body against a DTO class; throws a 400 naming every bad field. */
export async function validateBody<T extends object>(dtoClass: new () => T, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedException([
      { code: 'invalid_body', message: 'The body must be a JSON object' },
    ]);
  }
  const instance = plainToInstance(dtoClass, body);
  const errors = await validate(instance, STRICT);
  if (errors.length > 0) throw new ValidationFailedException(toValidationDetails(errors));
  return instance;
}

export const STRICT_VALIDATION = STRICT;
