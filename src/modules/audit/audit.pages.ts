import { AppError } from '../../errors.ts';
import type { AdminDeps } from '../agents/agent-admin.usecases.ts';
import type { Principal } from '../agents/permissions.ts';
import { field } from '../web/forms.ts';
import type { AuditEntryRow } from './audit-search.repository.ts';
import { type AuditSearchInput, searchAudit } from './audit-search.usecases.ts';

// The audit log's screen as a use case: the search form's query string, the page of entries, or the
// form with the dates it could not read.

export const AUDIT_PAGE_SIZE = 50;

export interface AuditScreen {
  principal: Principal;
  input: Required<Omit<AuditSearchInput, 'page' | 'limit'>>;
  page: number;
  entries: AuditEntryRow[];
  hasNext: boolean;
  /** The fields refused (dates), by code. */
  refused: { field: string; code: string }[];
}

/** The search form as the query string carries it. */
function parseSearch(query: unknown): AuditScreen['input'] & { page: number } {
  const page = field(query, 'page', 6);
  return {
    agent: field(query, 'agent', 254),
    action: field(query, 'action', 80),
    targetType: field(query, 'targetType', 40),
    targetId: field(query, 'targetId', 80),
    from: field(query, 'from', 40),
    to: field(query, 'to', 40),
    page: /^[1-9][0-9]{0,5}$/.test(page) ? Number(page) : 1,
  };
}

/** /agents/journal: one page of the entries the reader may read matching the search. */
export async function auditScreen(
  deps: Pick<AdminDeps, 'db'>,
  principal: Principal,
  query: unknown,
): Promise<AuditScreen> {
  const { page, ...input } = parseSearch(query);
  try {
    const result = await searchAudit(deps, principal, { ...input, page, limit: AUDIT_PAGE_SIZE });
    return { principal, input, page, entries: result.entries, hasNext: result.hasNext, refused: [] };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 422) throw error;
    const refused = (error.fields ?? []).map((f) => ({ field: f.field, code: f.code }));
    return { principal, input, page, entries: [], hasNext: false, refused };
  }
}
