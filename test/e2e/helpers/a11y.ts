import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, as issue 3 requires. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation, readable in a test failure: rule, help text and the offending elements. */
export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is and lists the WCAG 2.1 AA violations (empty when there is none). */
export async function wcagViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`.trim()),
  }));
}

/** Runs axe on the page as it is and adds its violations to `problems`, named `name` and the page's address. */
export async function checkAxe(page: Page, name: string, problems: string[]): Promise<void> {
  const violations = await wcagViolations(page);
  if (violations.length > 0) problems.push(describeViolations(`${name} (${page.url()})`, violations));
}

/** The violations as lines a developer can act on. */
export function describeViolations(where: string, violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: [${v.impact ?? '?'}] ${v.id} — ${v.help}\n${v.targets.map((t) => `    ${t.replace(/\n/g, ' ')}`).join('\n')}`,
    )
    .join('\n');
}
