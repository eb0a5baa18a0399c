import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';
import { BUDGET_MAX_CENTS } from '../budget.rules';

/** PUT /teams/:teamId/budget/:year (the chair). */
export class SetYearBudgetDto {
  @ApiProperty({ example: 2500000, description: 'The yearly amount in euro cents (EUR 25,000.00)' })
  @IsDefined()
  @IsInt({ message: 'amountCents must be a whole number of euro cents' })
  @Min(0)
  @Max(BUDGET_MAX_CENTS)
  amountCents: number;
}
