// Journeys: a resident registers, verifies their address and answers a poll, by keyboard only;
// a resident submits an idea with a photo and a place on the map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, visit, checkA11y, tabTo, typeInto, lastMail, linkIn, pressAndWait, registerAndVerify } from './harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The first published project page that holds a poll form. */
async function findPollProject() {
  await visit(page, `${server.base}/`);
  const hrefs = await page.locator('main a[href^="/projecten/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  assert.ok(hrefs.length >= 2, `home page lists projects: ${hrefs}`);
  for (const href of hrefs) {
    await visit(page, `${server.base}${href}`);
    if (await page.locator('main form input[type=radio]').count() > 0) return href;
  }
  throw new Error('no project with an open poll in the demo content');
}

test('resident registers, verifies and answers a poll by keyboard', async () => {
  const email = `bewoner${Date.now()}@voorbeeld.nl`;

  await visit(page, `${server.base}/registreren`);
  // A first try with a too-short password: the error is shown and the input kept.
  await typeInto(page, page.locator('#email'), email);
  await typeInto(page, page.locator('#display_name'), 'Fatima uit Zuid');
  await typeInto(page, page.locator('#password'), 'kort');
  await pressAndWait(page);
  await checkA11y(page, 'registration with errors');
  assert.equal(await page.locator('#email').inputValue(), email, 'email kept after an error');
  assert.ok(await page.locator('#password-error').isVisible(), 'password error shown next to the field');

  await typeInto(page, page.locator('#password'), 'een lange zin als wachtwoord');
  await pressAndWait(page);
  await checkA11y(page, 'check your mail');

  const mail = lastMail(server, email);
  const link = linkIn(mail, '/bevestigen/');
  const verifyPath = link.slice(link.indexOf('/bevestigen/'));
  await visit(page, `${server.base}${verifyPath}`);
  // Opening the link shows one button; pressing it uses the link (mail scanners only open).
  await tabTo(page, page.locator('main form button[type=submit]').first());
  await pressAndWait(page);
  await checkA11y(page, 'after verification');
  assert.ok(await page.locator('a[href="/account"]').count() > 0, 'logged in after verifying');

  const pollPath = await findPollProject();
  const radio = page.locator('main form input[type=radio]').first();
  await tabTo(page, radio);
  await page.keyboard.press('Space');
  assert.ok(await radio.isChecked(), 'choice selected with the keyboard');
  const submit = page.locator('main form:has(input[type=radio]) button[type=submit]').first();
  await tabTo(page, submit);
  await pressAndWait(page);
  await checkA11y(page, 'after answering');

  // Back on the project page the poll shows results (a table alternative to the chart) and
  // no longer offers the form.
  await visit(page, `${server.base}${pollPath}`);
  assert.equal(await page.locator('main form input[type=radio]').count(), 0, 'no second answer offered');
  assert.ok(await page.locator('main table').count() > 0, 'results have a table alternative');
});

// A valid 1x1 PNG, made at test time (no binary files in the repository).
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('resident submits an idea with a photo and a place', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const email = `indiener${Date.now()}@voorbeeld.nl`;
  await registerAndVerify(p, server, email, 'Sanne uit Wesselerbrink');

  // The demo's playground project has an open submission window.
  await visit(p, `${server.base}/projecten/speelplekken-wesselerbrink`);
  const newHref = await p.locator('main a[href$="/ideeen/nieuw"]').first().getAttribute('href');
  assert.ok(newHref, 'the project page offers to submit an idea');
  await visit(p, `${server.base}${newHref}`);
  await checkA11y(p, 'idea form');

  // First try: the title is too short. The photo is stored anyway and stays with the form.
  await p.fill('#title', 'Schommel');
  await p.fill('#summary', 'Een schommel voor kinderen in een rolstoel.');
  await p.fill('#description', 'In de speeltuin aan de Wesselerbrinklaan kunnen kinderen in een rolstoel nergens op spelen. '
    + 'Een rolstoelschommel geeft hen een plek om samen met andere kinderen te spelen. Ouders uit de buurt helpen mee.');
  await p.fill('#cost', '6500');
  await p.fill('#lat', '52.2046');
  await p.fill('#lon', '6.8790');
  await p.setInputFiles('#photo', { name: 'schommel.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await p.fill('#photo_alt', 'Een lege plek naast de zandbak');
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.click('button[name=action][value=submit]')]);
  await checkA11y(p, 'idea form with errors and a kept photo');
  assert.ok(await p.locator('.error-summary').isVisible(), 'error summary shown');
  assert.equal(await p.locator('input[name=image_1]').count(), 1, 'the photo was kept');
  assert.equal(await p.locator('#image_1_alt').inputValue(), 'Een lege plek naast de zandbak');
  assert.equal(await p.locator('#lat').inputValue(), '52.2046', 'the place was kept');

  await p.fill('#title', 'Rolstoelschommel in de speeltuin');
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.click('button[name=action][value=submit]')]);
  assert.match(p.url(), /\/ideeen\/\d+\?melding=idea-submitted/);
  await checkA11y(p, 'submitted idea with photo and place');
  assert.equal(await p.locator('main img[alt="Een lege plek naast de zandbak"]').count(), 1, 'photo with its text alternative');
  assert.ok(await p.locator('main a[href*="openstreetmap.org"]').count() > 0, 'link to the place on OpenStreetMap');
  assert.ok(await p.locator('text=52.20460').count() > 0, 'coordinates shown');
  await context.close();
});
