/** The zone the audit log's days are taken in (search periods, dates shown): the service's, whatever the office. */
export const AUDIT_ZONE = 'Europe/Paris';
