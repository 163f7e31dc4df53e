import { type Kysely, sql } from 'kysely';

/**
 * "A département keeps an administrator" under concurrency: the deferred check of migration 0011 ran
 * in each transaction's own snapshot, so two transactions removing a département's two
 * administrators at once both saw the other one still there. The check now takes a transaction-level
 * advisory lock per département first: the second waits for the first to commit, and its check (a new
 * statement under READ COMMITTED) then sees that removal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function department_keeps_administrator(code text) returns void language plpgsql as $$
    begin
      if code is null then return; end if;
      perform pg_advisory_xact_lock(hashtext('creneau.department_administrators'), hashtext(code));
      if not exists (
        select 1 from role_grant g join agent a on a.id = g.agent_id
        where g.role = 'administrator' and g.scope_kind = 'department' and g.department_code = code
          and a.active
      ) then
        raise exception 'the département % must keep at least one administrator', code
          using errcode = '23514', constraint = 'department_keeps_administrator';
      end if;
    end $$;
  `.execute(db);
}
