import { Param, PipeTransform } from '@nestjs/common';
import { ValidationFailedException } from '@koers/errors';

class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100)) {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'year', message: 'year must be a year from 2000 to 2100' },
      ]);
    }
    return year;
  }
}

/** A budget year in the path (`/teams/:teamId/budget/2026`): 2000–2100, as team_budget allows; else 400. */
export const YearParam = () => Param('year', new YearPipe());
