import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedException } from '@koers/errors';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    if (!isUUID(value)) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: this.name, message: `${this.name} must be a UUID` },
      ]);
    }
    return value;
  }
}

/** A route parameter that must be a UUID: anything else is a 400, never a database error. */
export const UuidParam = (name: string) => Param(name, new UuidPipe(name));
