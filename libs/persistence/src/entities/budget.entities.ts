import { ConditionalArrangement } from './conditional-arrangement.entity';
import { LoanRepayment } from './loan-repayment.entity';
import { Spend } from './spend.entity';

export * from './spend.entity';
export * from './loan-repayment.entity';
export * from './conditional-arrangement.entity';

/** The casusoverleg's budget (libs/budget): spends, loan repayments, conditional arrangements. */
export const BUDGET_ENTITIES = [ConditionalArrangement, Spend, LoanRepayment];
