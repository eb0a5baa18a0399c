/**
 * Access-log rows are kept at least this long (NEN 7513 asks for 5 years; issue 5). Nothing in Koers deletes
 * them: the table's trigger refuses DELETE and TRUNCATE outright. Removing rows older than this is a deliberate
 * act of the database owner (the trigger disabled, the chain's new first row and hash recorded as its anchor).
 */
export const AUDIT_RETENTION_YEARS = 5;
