import type { Page } from 'playwright-core';
import { focused } from './journey.ts';

// Moving through a page the way a keyboard user does: Tab until the wanted control has the focus.

interface Outline {
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
}
/** Just what the check below uses of an element, typed here because the project has no DOM library. */
interface StyledElement {
  nextElementSibling: StyledElement | null;
  ownerDocument: { defaultView: { getComputedStyle(element: unknown, pseudo?: string): Outline } | null };
  blur(): void;
  focus(): void;
}

/**
 * Presses Tab until an element matching `selector` has the focus, and gives how many presses it
 * took; throws with the last focused element when it is not reached within `max` presses.
 */
export async function tabTo(page: Page, selector: string, max = 200): Promise<number> {
  const target = page.locator(selector).and(page.locator(':focus'));
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if ((await target.count()) > 0) return presses;
  }
  throw new Error(
    `${selector} never got the focus after ${max} Tab presses on ${page.url()}; last: ${await focused(page)}`,
  );
}

/** Presses a key that leads to another page (Enter on a link or a button) and waits for it. */
export async function pressToNavigate(page: Page, key: string): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await page.keyboard.press(key);
  await navigated;
  await page.waitForLoadState('domcontentloaded');
}

/**
 * Whether the focused element shows its focus: its outline or shadow — or, for the DSFR's visually
 * replaced checkboxes and radios, those of the label that follows it and of the label's `::before` —
 * change when it loses the focus. (A mere "has an outline" would pass DSFR fields, whose bottom border
 * is a shadow at all times.)
 */
export async function focusIsVisible(page: Page): Promise<boolean> {
  const element = page.locator(':focus').first();
  if ((await element.count()) === 0) return false;
  return element.evaluate((el: StyledElement) => {
    const view = el.ownerDocument.defaultView;
    if (!view) return false;
    const look = (target: unknown, pseudo?: string) => {
      const s = view.getComputedStyle(target, pseudo);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
    };
    const label = el.nextElementSibling;
    const snapshot = () =>
      [look(el), label ? look(label) : '', label ? look(label, '::before') : ''].join(' / ');
    const focusedLook = snapshot();
    el.blur();
    const blurredLook = snapshot();
    el.focus();
    return focusedLook !== blurredLook;
  });
}
