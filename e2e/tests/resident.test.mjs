// Journey: a resident registers, verifies their address and answers a poll, by keyboard only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, visit, checkA11y, tabTo, typeInto, lastMail, linkIn, pressAndWait } from './harness.mjs';

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
