import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { bookingIn, qrOf } from '../helpers/check-in.ts';
import type { Fixture } from '../helpers/fixtures.ts';
import { checkAxe as axe } from './helpers/a11y.ts';
import {
  chromiumSkip,
  type E2E,
  E2E_SECRET_KEY,
  launchChromium,
  PHONE,
  startE2E,
} from './helpers/browser.ts';
import { officeNow, signedInAs } from './helpers/office.ts';

// Issue 10 point 2 in a browser: a USB scanner types the convocation's QR link into the focused field
// and presses Enter — the page shows the booking and the two identities; the page is axe-clean empty
// and with a result (French and English); and Chromium's fake camera, fed a y4m video of a real QR code
// made at test time, is read by jsQR and checks the person in with no key pressed.

let e: E2E;
let fixture: Fixture;
let agentId: number;
let place: { slotId: number; procedureId: number };

before(async () => {
  if (chromiumSkip) return;
  e = await startE2E();
  ({ fixture, agentId } = await officeNow(e, 'site_manager'));
  place = { slotId: fixture.slotIds[0] ?? 0, procedureId: fixture.procedureId };
});
after(() => e?.close());

const signedIn = (page: Page) => signedInAs(e, agentId, page);

/** The text a scanner types: the /verifier link the convocation's QR code holds. */
async function printedCode(reference: string): Promise<string> {
  return `${e.url}/verifier?code=${await qrOf(e.database.db, reference, E2E_SECRET_KEY)}`;
}

describe('the reception in a browser', { skip: chromiumSkip }, () => {
  test('a scanner types the code and Enter into the focused field: the identities side by side; axe-clean', async () => {
    const booking = await bookingIn(e.database.db, place, 'confirmed');
    const page = await signedIn(await e.newPage());
    const problems: string[] = [];
    await page.goto('/agents/accueil');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'qr');
    await axe(page, 'empty', problems);
    await page.keyboard.type(await printedCode(booking.reference), { delay: 0 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=est enregistré(e) : en attente d’appel');
    const table = (await page.locator('table').first().textContent()) ?? '';
    assert.match(table, /Nom\s*Benali\s*Benali\s*Identique/);
    assert.match(table, /Prénom\s*Samira\s*Samira\s*Identique/);
    await axe(page, 'result with the correction form', problems);
    // The same booking scanned again, in English: answered as it is, still axe-clean.
    await page.goto('/agents/accueil?lang=en');
    await page.fill('#qr', await printedCode(booking.reference));
    await page.press('#qr', 'Enter');
    await page.waitForSelector('text=was already checked in: Waiting to be called');
    await axe(page, 'second scan in English', problems);
    assert.deepEqual(problems, []);
    const row = await e.database.db
      .selectFrom('booking')
      .select('status')
      .where('reference', '=', booking.reference)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'waiting');
  });

  test('a refusal on the reception’s page is axe-clean', async () => {
    const page = await signedIn(await e.newPage());
    await page.goto('/agents/accueil');
    await page.fill('#reference', '74-ZZZZ-ZZZZ');
    await page.click('text=Enregistrer l’arrivée');
    await page.waitForSelector('.fr-alert--error');
    const problems: string[] = [];
    await axe(page, 'refused', problems);
    assert.deepEqual(problems, []);
  });

  test('the camera: a fake video of the convocation’s QR code is read and checks the person in', async () => {
    const booking = await bookingIn(e.database.db, place, 'confirmed');
    const dir = await mkdtemp(path.join(tmpdir(), 'creneau-camera-'));
    let browser: Browser | undefined;
    try {
      const video = path.join(dir, 'qr.y4m');
      await writeFile(video, qrVideo(await printedCode(booking.reference)));
      browser = await launchChromium([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ]);
      const context = await browser.newContext({ ...PHONE, baseURL: e.url });
      context.setDefaultTimeout(20_000);
      await context.grantPermissions(['camera'], { origin: e.url });
      const page = await signedIn(await context.newPage());
      await page.goto('/agents/accueil');
      await page.click('text=Lire avec la caméra');
      await page.waitForSelector('text=est enregistré(e) : en attente d’appel');
      assert.match((await page.locator('table').first().textContent()) ?? '', /Benali/);
    } finally {
      await browser?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A two-frame YUV4MPEG2 (4:2:0) video of a QR code on white, for Chromium's fake camera: each module
 * drawn as a square of pixels, four modules of quiet zone around it.
 */
function qrVideo(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const [width, height] = [640, 480];
  const scale = Math.floor(Math.min(width, height) / (modules.size + 8));
  const side = modules.size * scale;
  const [left, top] = [Math.floor((width - side) / 2), Math.floor((height - side) / 2)];
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        luma.fill(
          16,
          (top + row * scale + y) * width + left + col * scale,
          (top + row * scale + y) * width + left + (col + 1) * scale,
        );
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
    frame,
    frame,
  ]);
}
