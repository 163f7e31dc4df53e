import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type GeneratedSlot,
  generateSlots,
  type OpeningRuleInput,
  type SlotGenerationInput,
} from './slot-generation.ts';
import { formatInZone, localDate, localTime } from './timezone.ts';

const PARIS = 'Europe/Paris';
const MONDAY = 1;
const FRIDAY = 5;
const SATURDAY = 6;
const SUNDAY = 7;

function rule(overrides: Partial<OpeningRuleInput> = {}): OpeningRuleInput {
  return {
    weekday: MONDAY,
    startsAt: '09:00',
    endsAt: '12:00',
    capacity: 2,
    validFrom: null,
    validUntil: null,
    ...overrides,
  };
}

function generate(overrides: Partial<SlotGenerationInput>): GeneratedSlot[] {
  return generateSlots({
    from: '2026-03-30',
    days: 1,
    zone: PARIS,
    holidayRegion: 'metropole',
    durationMinutes: 20,
    rules: [rule()],
    closures: new Set(),
    ...overrides,
  });
}

/** Slots as "date time+capacity" in the site's zone, the way an agent reads an agenda. */
function agenda(slots: GeneratedSlot[], zone = PARIS): string[] {
  return slots.map(
    (slot) => `${localDate(slot.startsAt, zone)} ${localTime(slot.startsAt, zone)}×${slot.capacity}`,
  );
}

const utcStarts = (slots: GeneratedSlot[]): string[] => slots.map((slot) => slot.startsAt.toISOString());

describe('generateSlots', () => {
  test('a Monday 09:00–12:00 rule with a 20-minute procedure gives 9 slots of 20 minutes', () => {
    const slots = generate({});
    assert.equal(slots.length, 9);
    assert.equal(formatInZone(slots[0]?.startsAt ?? new Date(0), PARIS), '2026-03-30T09:00:00+02:00');
    assert.equal(formatInZone(slots[8]?.startsAt ?? new Date(0), PARIS), '2026-03-30T11:40:00+02:00');
    assert.equal(formatInZone(slots[8]?.endsAt ?? new Date(0), PARIS), '2026-03-30T12:00:00+02:00');
    for (const slot of slots) {
      assert.equal(slot.endsAt.getTime() - slot.startsAt.getTime(), 20 * 60_000);
      assert.equal(slot.capacity, 2);
    }
  });

  test('a last piece shorter than the procedure is dropped', () => {
    const slots = generate({ rules: [rule({ startsAt: '09:00', endsAt: '10:10' })] });
    assert.deepEqual(agenda(slots), ['2026-03-30 09:00×2', '2026-03-30 09:20×2', '2026-03-30 09:40×2']);
  });

  test('only dates whose weekday matches a rule get slots', () => {
    const slots = generate({ from: '2026-03-31', days: 6 });
    assert.deepEqual(slots, []);
  });

  test('around spring forward in Paris, the UTC instants move one hour earlier but local times stay put', () => {
    const rules = [SATURDAY, SUNDAY, MONDAY].map((weekday) => rule({ weekday, endsAt: '10:00' }));
    const slots = generate({ from: '2026-03-28', days: 3, rules });
    assert.deepEqual(utcStarts(slots), [
      '2026-03-28T08:00:00.000Z',
      '2026-03-28T08:20:00.000Z',
      '2026-03-28T08:40:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-29T07:20:00.000Z',
      '2026-03-29T07:40:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-30T07:20:00.000Z',
      '2026-03-30T07:40:00.000Z',
    ]);
    assert.deepEqual(
      slots.map((slot) => localTime(slot.startsAt, PARIS)),
      ['09:00', '09:20', '09:40', '09:00', '09:20', '09:40', '09:00', '09:20', '09:40'],
    );
  });

  test('around fall back in Paris, the UTC instants move one hour later but local times stay put', () => {
    const rules = [SATURDAY, SUNDAY, MONDAY].map((weekday) => rule({ weekday, endsAt: '09:40' }));
    const slots = generate({ from: '2026-10-24', days: 3, rules });
    assert.deepEqual(utcStarts(slots), [
      '2026-10-24T07:00:00.000Z',
      '2026-10-24T07:20:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-25T08:20:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-26T08:20:00.000Z',
    ]);
    assert.deepEqual(
      slots.map((slot) => localTime(slot.startsAt, PARIS)),
      ['09:00', '09:20', '09:00', '09:20', '09:00', '09:20'],
    );
  });

  test('a rule across the spring-forward gap skips the wall times that do not exist', () => {
    const slots = generate({
      from: '2026-03-29',
      durationMinutes: 30,
      rules: [rule({ weekday: SUNDAY, startsAt: '01:00', endsAt: '04:00' })],
    });
    assert.deepEqual(
      slots.map((slot) => formatInZone(slot.startsAt, PARIS)),
      [
        '2026-03-29T01:00:00+01:00',
        '2026-03-29T01:30:00+01:00',
        '2026-03-29T03:00:00+02:00',
        '2026-03-29T03:30:00+02:00',
      ],
    );
    // Shifted by the gap, 02:00 and 02:30 would land on 03:00 and 03:30 and double their capacity.
    assert.deepEqual(
      slots.map((slot) => slot.capacity),
      [2, 2, 2, 2],
    );
    assertRealLengthAndNoOverlap(slots, 30);
  });

  test('a rule across the autumn overlap serves the repeated hour once and drops the slot straddling it', () => {
    const slots = generate({
      from: '2026-10-25',
      durationMinutes: 30,
      rules: [rule({ weekday: SUNDAY, startsAt: '01:00', endsAt: '04:00' })],
    });
    // 02:30 CEST → 03:00 CET would last 90 minutes: it is not a 30-minute slot.
    assert.deepEqual(
      slots.map((slot) => formatInZone(slot.startsAt, PARIS)),
      [
        '2026-10-25T01:00:00+02:00',
        '2026-10-25T01:30:00+02:00',
        '2026-10-25T02:00:00+02:00',
        '2026-10-25T03:00:00+01:00',
        '2026-10-25T03:30:00+01:00',
      ],
    );
    assertRealLengthAndNoOverlap(slots, 30);
  });

  test('a site in La Réunion gets instants at +04:00', () => {
    const slots = generate({
      zone: 'Indian/Reunion',
      holidayRegion: 'reunion',
      rules: [rule({ endsAt: '09:40' })],
    });
    assert.deepEqual(utcStarts(slots), ['2026-03-30T05:00:00.000Z', '2026-03-30T05:20:00.000Z']);
    assert.equal(
      formatInZone(slots[0]?.startsAt ?? new Date(0), 'Indian/Reunion'),
      '2026-03-30T09:00:00+04:00',
    );
  });

  test('a rule ending at midnight gives a last slot ending on the next day', () => {
    const slots = generate({ rules: [rule({ startsAt: '23:20', endsAt: '24:00:00' })] });
    assert.deepEqual(
      slots.map((slot) => formatInZone(slot.endsAt, PARIS)),
      ['2026-03-30T23:40:00+02:00', '2026-03-31T00:00:00+02:00'],
    );
  });

  test('no slot on 1 May, a public holiday, while the next ordinary Friday has slots', () => {
    // 8 May is a public holiday too: only 15 May remains.
    const slots = generate({
      from: '2026-05-01',
      days: 15,
      rules: [rule({ weekday: FRIDAY, endsAt: '09:20' })],
    });
    assert.deepEqual(agenda(slots), ['2026-05-15 09:00×2']);
  });

  test('26 December has slots in metropolitan France but none in Alsace-Moselle', () => {
    const input = { from: '2026-12-26', rules: [rule({ weekday: SATURDAY, endsAt: '09:20' })] };
    assert.deepEqual(agenda(generate({ ...input, holidayRegion: 'metropole' })), ['2026-12-26 09:00×2']);
    assert.deepEqual(generate({ ...input, holidayRegion: 'alsace_moselle' }), []);
  });

  test('a closure removes every slot of that day only', () => {
    const slots = generate({
      from: '2026-03-30',
      days: 8,
      rules: [rule({ endsAt: '09:20' })],
      closures: new Set(['2026-03-30']),
    });
    // 6 April is Easter Monday: the rule still gives nothing that week.
    assert.deepEqual(slots, []);
    const nextWeeks = generate({
      from: '2026-03-30',
      days: 15,
      rules: [rule({ endsAt: '09:20' })],
      closures: new Set(['2026-03-30']),
    });
    assert.deepEqual(agenda(nextWeeks), ['2026-04-13 09:00×2']);
  });

  test('a rule applies from its first to its last valid day, both included', () => {
    const slots = generate({
      from: '2026-03-30',
      days: 35,
      rules: [rule({ endsAt: '09:20', validFrom: '2026-04-13', validUntil: '2026-04-20' })],
    });
    assert.deepEqual(agenda(slots), ['2026-04-13 09:00×2', '2026-04-20 09:00×2']);
  });

  test('two rules giving the same start add their capacities into one slot', () => {
    const slots = generate({
      rules: [
        rule({ endsAt: '10:00', capacity: 2 }),
        rule({ startsAt: '09:00', endsAt: '09:40', capacity: 1 }),
      ],
    });
    assert.deepEqual(agenda(slots), ['2026-03-30 09:00×3', '2026-03-30 09:20×3', '2026-03-30 09:40×2']);
  });

  test('slots are sorted by start whatever the order of the rules', () => {
    const slots = generate({
      rules: [rule({ startsAt: '14:00', endsAt: '14:20' }), rule({ startsAt: '09:00', endsAt: '09:20' })],
    });
    assert.deepEqual(agenda(slots), ['2026-03-30 09:00×2', '2026-03-30 14:00×2']);
  });

  test('a duration that is not a positive whole number of minutes is refused', () => {
    assert.throws(() => generate({ durationMinutes: 0 }), RangeError);
    assert.throws(() => generate({ durationMinutes: 12.5 }), RangeError);
  });
});

function assertRealLengthAndNoOverlap(slots: GeneratedSlot[], durationMinutes: number): void {
  slots.forEach((slot, index) => {
    assert.equal(slot.endsAt.getTime() - slot.startsAt.getTime(), durationMinutes * 60_000);
    const next = slots[index + 1];
    if (next !== undefined) assert.ok(slot.endsAt.getTime() <= next.startsAt.getTime());
  });
}
