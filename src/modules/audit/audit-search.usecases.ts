import { AppError, type FieldError, invalid } from '../../errors.ts';
import type { AdminDeps } from '../agents/agent-admin.usecases.ts';
import { authorize, type Coverage, coverageOf, type Principal } from '../agents/permissions.ts';
import { addDays, zonedTimeToUtc } from '../schedule/timezone.ts';
import { type AuditCriteria, type AuditEntryRow, searchAuditEntries } from './audit-search.repository.ts';
import { AUDIT_ZONE } from './audit-zone.ts';

// Searching the audit log (issue 8, point 5), for the screen /agents/journal and GET /api/v1/admin/audit:
// by agent, action, target and period, within the reader's `audit.read` coverage.

/** The search as typed (query string of the screen or of the API), every field a string. */
export interface AuditSearchInput {
  from?: string;
  to?: string;
  agent?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  page?: number;
  limit?: number;
}

export interface AuditSearchResult {
  criteria: AuditSearchInput;
  entries: AuditEntryRow[];
  page: number;
  hasNext: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function isRealDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text && date.getUTCFullYear() >= 2000;
}

/**
 * A bound of the period: a day (YYYY-MM-DD, in Paris time; `to` includes the whole day) or an instant
 * with its offset (ISO 8601). Undefined when empty; a field error when it is neither.
 */
function bound(text: string | undefined, field: 'from' | 'to'): Date | FieldError | undefined {
  if (text === undefined || text === '') return undefined;
  if (isRealDay(text)) return zonedTimeToUtc(field === 'to' ? addDays(text, 1) : text, '00:00', AUDIT_ZONE);
  const instant = INSTANT.test(text) ? new Date(text) : undefined;
  if (instant && !Number.isNaN(instant.getTime())) return instant;
  return {
    field,
    code: 'invalid_date',
    message: 'Date attendue : AAAA-MM-JJ, ou date et heure ISO 8601 avec fuseau.',
  };
}

/** The criteria of a search, or a 422 naming each field in error. */
export function parseCriteria(input: AuditSearchInput): AuditCriteria {
  const from = bound(input.from, 'from');
  const to = bound(input.to, 'to');
  const errors = [from, to].filter(
    (value): value is FieldError => value !== undefined && !(value instanceof Date),
  );
  if (errors.length === 0 && from instanceof Date && to instanceof Date && to <= from) {
    errors.push({ field: 'to', code: 'before_from', message: 'La fin de la période doit suivre son début.' });
  }
  if (errors.length > 0) throw invalid(errors);
  const text = (value: string | undefined) => value?.trim() || undefined;
  return {
    ...(from instanceof Date ? { from } : {}),
    ...(to instanceof Date ? { to } : {}),
    ...(text(input.agent) ? { agentEmail: text(input.agent)?.toLowerCase() } : {}),
    ...(text(input.action) ? { action: text(input.action) } : {}),
    ...(text(input.targetType) ? { targetType: text(input.targetType) } : {}),
    ...(text(input.targetId) ? { targetId: text(input.targetId) } : {}),
  };
}

/** Where the principal reads the log; a 403 `not_permitted` when nowhere. */
function readableCoverage(principal: Principal): Coverage {
  const decision = authorize(principal, 'audit.read', { kind: 'national' });
  if (!decision.allowed && decision.reason === 'not_permitted') {
    throw new AppError(403, decision.reason, decision.message);
  }
  return coverageOf(principal, 'audit.read');
}

/** One page of the entries the principal may read that match the search, newest first. */
export async function searchAudit(
  deps: Pick<AdminDeps, 'db'>,
  principal: Principal,
  input: AuditSearchInput,
): Promise<AuditSearchResult> {
  const coverage = readableCoverage(principal);
  const criteria = parseCriteria(input);
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 500);
  const page = Math.min(Math.max(input.page ?? 1, 1), 100_000);
  const rows = await searchAuditEntries(deps.db, coverage, criteria, {
    limit: limit + 1,
    offset: (page - 1) * limit,
  });
  return { criteria: input, entries: rows.slice(0, limit), page, hasNext: rows.length > limit };
}

/** An entry as GET /api/v1/admin/audit answers it (PRODUCT §7.1), exactly these six keys. */
export function presentAuditEntry(entry: AuditEntryRow) {
  return {
    at: entry.at.toISOString(),
    agent: entry.agentEmail,
    action: entry.action,
    target: { type: entry.targetType, id: entry.targetId },
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}
