import { randomInt } from 'node:crypto';
import { ALPHABET } from '../booking/tokens.ts';

// A request's label (PRODUCT §5.1): its receipt number, and the only name it has in a draw's public
// bundle. 10 characters of Crockford's base 32 are 50 random bits: unguessable, short enough to read
// aloud at a counter, and with no letter that looks like another.

const LENGTH = 10;
const LABEL = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** A fresh random label, such as "K7M3QX9PA2". */
export function newLabel(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/**
 * A label as a person may type it: lower case, spaces and hyphens, and the letters Crockford's base 32
 * reads as digits (O as 0, I and L as 1).
 */
export function normaliseLabel(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/gu, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether a string is a well-formed label. */
export function isLabel(value: string): boolean {
  return LABEL.test(value);
}

/** A label in two groups of five, easier to read out: "K7M3Q-X9PA2". */
export function spacedLabel(label: string): string {
  return `${label.slice(0, 5)}-${label.slice(5)}`;
}
