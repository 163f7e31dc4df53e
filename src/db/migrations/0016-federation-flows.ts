import { type Kysely, sql } from 'kysely';

/**
 * Agents' sign-in through the identity federation (ProConnect, OpenID Connect; decision 0022): what a
 * browser's authorization request must be answered with — its state, nonce and PKCE verifier — kept
 * server-side for ten minutes by the SHA-256 of a random cookie value, and taken once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agent_federation_flow (
      id_hash bytea primary key check (length(id_hash) = 32),
      state text not null check (length(state) between 32 and 128),
      nonce text not null check (length(nonce) between 32 and 128),
      code_verifier text not null check (length(code_verifier) between 43 and 128),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      check (expires_at > created_at and expires_at <= created_at + interval '10 minutes')
    );
    create index agent_federation_flow_expiry on agent_federation_flow (expires_at);
  `.execute(db);
}
