import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { arabicCount, leftToRight, MINUTES, markedText, writtenIn } from './i18n.ts';
import { common } from './web.messages.ts';

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

  test('an Arabic count takes the dual for 2, the plural from 3 to 10 and the singular from 11', () => {
    assert.deepEqual(
      [1, 2, 5, 20, 100].map((n) => arabicCount(n, MINUTES)),
      ['دقيقة واحدة', 'دقيقتان', '5 دقائق', '20 دقيقة', '100 دقيقة'],
    );
    const errors = common.ar?.errorSummaryTitle;
    assert.deepEqual(
      [1, 2, 3, 12].map((n) => errors?.(n)),
      [
        'يحتوي النموذج على خطأ',
        'يحتوي النموذج على خطأين',
        'يحتوي النموذج على 3 أخطاء',
        'يحتوي النموذج على 12 خطأً',
      ],
    );
  });
});
