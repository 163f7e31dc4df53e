import { type Kysely, sql } from 'kysely';

/**
 * The network an applicant booked or asked from, for the suspicious-bookings review (issue 10 point 7;
 * decision 0043): `network_key`, an HMAC-SHA256 of the client's subscriber range (an IPv4 address, an
 * IPv6 /64) under a key derived from SECRET_KEY (protection/network-key.ts). Never the address itself.
 *
 * - Null for rows entered by an agent or a partner (their office's address would group everyone), for
 *   rows from no public address, and once the row is no longer active: the retention erases it then.
 * - Exactly 32 bytes, so that no one stores an address text in it by mistake.
 * - Written once: it may be erased, or given to a row that has none (an online update of a request an
 *   agent entered), never replaced by another network's key.
 * - Partial indexes on the rows that hold one: the rows of one network, and the retention's scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table booking add column network_key bytea
      constraint booking_network_key_length check (octet_length(network_key) = 32);
    alter table request add column network_key bytea
      constraint request_network_key_length check (octet_length(network_key) = 32);
    create index booking_network_key on booking (network_key) where network_key is not null;
    create index request_network_key on request (network_key) where network_key is not null;

    create function network_key_written_once() returns trigger language plpgsql as $$
    begin
      if old.network_key is not null and new.network_key is not null
          and new.network_key <> old.network_key then
        raise exception 'a network key is erased, never replaced'
          using errcode = 'check_violation', constraint = tg_table_name || '_network_key_once';
      end if;
      return new;
    end $$;
    create trigger booking_network_key_once before update of network_key on booking
      for each row execute function network_key_written_once();
    create trigger request_network_key_once before update of network_key on request
      for each row execute function network_key_written_once();
  `.execute(db);
}
