import type { Executor } from '../../db/database.ts';
import { findAnnouncedDraw } from './draw-calendar.repository.ts';

/** A draw's window as the public pages announce it: its commitment and the seats at stake. */
export interface DrawAnnouncement {
  drawId: number;
  opensAt: Date;
  closesAt: Date;
  /** Local dates of the period whose slots it allocates. */
  slotsFrom: string;
  slotsTo: string;
  /** SHA-256 of the seed, public from the draw's creation (PRODUCT §5). */
  commitment: string;
  /** Free seats of its slots still to come. */
  seats: number;
  /** Whether requests are being collected now (the window has opened), or it is the next window. */
  collecting: boolean;
}

/**
 * The window in which a procedure's draw offers of a département collect requests now, or else the
 * next one announced: the earliest main draw still open.
 */
export async function announcedDraw(
  db: Executor,
  filter: { procedureId: number; departmentCode: string },
  now: Date,
): Promise<DrawAnnouncement | undefined> {
  const row = await findAnnouncedDraw(db, filter, now);
  if (!row) return undefined;
  const { id, seats, ...rest } = row;
  return { drawId: id, ...rest, seats: Number(seats ?? 0), collecting: rest.opensAt <= now };
}
