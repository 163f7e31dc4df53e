import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leftToRight, markedText, writtenIn } from './i18n.ts';

describe('texts in another language than the page', () => {
  test('a French text on an Arabic or English page is marked French, left to right; on a French page, not', () => {
    assert.equal(String(writtenIn('fr', 'ar')), ' lang="fr" dir="ltr"');
    assert.equal(String(writtenIn('fr', 'en')), ' lang="fr" dir="ltr"');
    assert.equal(writtenIn('ar', 'ar'), '');
    assert.equal(
      String(markedText('Annecy <centre>', 'fr', 'ar')),
      '<span lang="fr" dir="ltr">Annecy &lt;centre&gt;</span>',
    );
    assert.equal(markedText('Annecy', 'fr', 'fr'), 'Annecy');
  });

  test('a number in an Arabic sentence is isolated, so that its groups keep their order', () => {
    assert.equal(leftToRight('06 12 34 56 78'), '\u206606 12 34 56 78\u2069');
  });
});
