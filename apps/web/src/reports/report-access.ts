import { canSeeClients, type Me } from '../auth/session';

/**
 * Reports are for the participants who see every client of their casusoverleg (chair, municipality, addiction
 * care, police: they have teams in `teamIds`); chain partners (invited per client), the privacy officer and the
 * admin get none (the API answers 403), as libs/reporting/src/report-access.ts decides.
 */
export const mayReadReports = (me: Me): boolean => canSeeClients(me) && me.teamIds.length > 0;
