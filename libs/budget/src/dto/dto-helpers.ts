import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsSubstantive, Trimmed } from '@koers/validation';
import { TEXT_MAX } from '../budget.rules';

export const oneOf = (values: readonly string[]) =>
  IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` });

/** A field that may be left out; when sent it must not be null. */
export const Optional = () => ValidateIf((_o: object, value: unknown) => value !== undefined);

/** Free text that must say something (a reason, conditions, a description). */
export const Text =
  () =>
  (target: object, property: string): void => {
    Trimmed()(target, property);
    IsString()(target, property);
    MaxLength(TEXT_MAX)(target, property);
    IsSubstantive()(target, property);
  };

/** The version the client last read (optimistic concurrency: stale → 409). An integer column: at most 2^31 - 1. */
export const ExpectedVersion = () =>
  applyDecorators(
    IsDefined(),
    IsInt({ message: 'expectedVersion must be a whole number' }),
    Min(1),
    Max(2_147_483_647),
  );
