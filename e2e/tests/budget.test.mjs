// Journeys of participatory budgeting on the demo content ("Jij maakt Zuid"):
// (a) a resident registers, verifies, votes a budget ballot by keyboard only, sees their
//     ballot and changes it;
// (b) the same resident submits an idea to a project whose submission window is open;
// (c) staff generate voting codes (CSV download) and a code holder votes without an account.
// axe-core runs on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  startServer, launch, visit, checkA11y, tabTo, typeInto, lastMail, linkIn, pressAndWait, totp,
} from './harness.mjs';

let server;
let browser;
let page;
let ballotPath;

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Keyboard: tab to a checkbox and press Space; asserts the new state. */
async function toggle(p, label, want) {
  const box = p.locator('main').getByRole('checkbox', { name: label });
  assert.equal(await box.count(), 1, `one checkbox for ${label}`);
  await tabTo(p, box);
  await p.keyboard.press('Space');
  assert.equal(await box.isChecked(), want, `${label} ${want ? 'chosen' : 'no longer chosen'} by keyboard`);
}

/** The live remaining-budget region of the ballot page (static/app.js). */
async function live(p) {
  const region = p.locator('main #stand');
  assert.equal(await region.getAttribute('aria-live'), 'polite', 'the figure is a polite live region');
  return { text: (await region.innerText()).trim(), over: /\bballot-over\b/.test(await region.getAttribute('class')) };
}

/** The titles in the "Uw stem" section of the ballot page. */
async function myBallot(p) {
  const section = p.locator('main section[aria-labelledby="mijn-stem"]');
  assert.equal(await section.count(), 1, 'the ballot page shows the voter\'s ballot');
  return section.locator('li').allInnerTexts();
}

test('resident votes a budget ballot by keyboard only, then changes it', async () => {
  const email = `stemmer${Date.now()}@voorbeeld.nl`;
  await visit(page, `${server.base}/registreren`);
  await typeInto(page, page.locator('#email'), email);
  await typeInto(page, page.locator('#display_name'), 'Noor uit de Wesselerbrink');
  await typeInto(page, page.locator('#password'), 'een lange zin als wachtwoord');
  await pressAndWait(page);
  await checkA11y(page, 'check your mail');
  const link = linkIn(lastMail(server, email), '/bevestigen/');
  await visit(page, `${server.base}${link.slice(link.indexOf('/bevestigen/'))}`);
  await tabTo(page, page.locator('main form button[type=submit]').first());
  await pressAndWait(page);
  await checkA11y(page, 'after verification');

  // From the project page to the ballot.
  await visit(page, `${server.base}/projecten/jij-maakt-zuid`);
  assert.match(await page.locator('h1').innerText(), /Jij maakt Zuid/);
  const voteLink = page.locator('main a.button[href^="/stemmen/"]').first();
  ballotPath = await voteLink.getAttribute('href');
  assert.match(ballotPath, /^\/stemmen\/\d+$/);
  await tabTo(page, voteLink);
  await pressAndWait(page);
  await checkA11y(page, 'ballot page');
  assert.ok(page.url().endsWith(ballotPath), `on the ballot: ${page.url()}`);
  assert.equal(await page.locator('main input[type=checkbox][name=idea]').count(), 10, 'ten ideas on the ballot');

  // € 12.500 + € 24.000: within € 50.000. The remaining budget follows each Space press,
  // without a round trip to the server.
  assert.equal((await live(page)).text, '', 'nothing chosen yet');
  await toggle(page, 'Pluktuin in het Wesselerbrinkpark', true);
  let now = await live(page);
  assert.ok(now.text.includes('1 idee voor € 12.500') && now.text.includes('€ 37.500 over'), now.text);
  assert.ok(!now.over, 'not over budget');
  await toggle(page, 'Calisthenicspark voor jong en oud', true);
  now = await live(page);
  assert.ok(now.text.includes('2 ideeën voor € 36.500') && now.text.includes('€ 13.500 over'), now.text);
  await checkA11y(page, 'ballot page with the live figure');
  await tabTo(page, page.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(page);
  await checkA11y(page, 'review step');
  assert.match(page.url(), /\/controleren$/);
  const review = await page.locator('main ul').first().innerText();
  assert.ok(review.includes('Pluktuin') && review.includes('Calisthenicspark'), review);
  await tabTo(page, page.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(page);
  await checkA11y(page, 'ballot cast');
  assert.ok((await page.locator('main').innerText()).includes('Uw stem is opgeslagen'), 'cast notice');
  let mine = await myBallot(page);
  assert.equal(mine.length, 2, `my ballot: ${mine}`);
  assert.ok(mine.some((t) => t.includes('Pluktuin')) && mine.some((t) => t.includes('Calisthenicspark')), `${mine}`);

  // Change it: drop the calisthenics park, add the water playground (€ 12.500 + € 18.500).
  await visit(page, `${server.base}${ballotPath}`);
  await toggle(page, 'Calisthenicspark voor jong en oud', false);
  await toggle(page, 'Waterspeelplek in Pathmos', true);
  await tabTo(page, page.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(page);
  await checkA11y(page, 'review step, changed');
  await tabTo(page, page.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(page);
  await checkA11y(page, 'ballot changed');
  mine = await myBallot(page);
  assert.equal(mine.length, 2, `my changed ballot: ${mine}`);
  assert.ok(mine.some((t) => t.includes('Waterspeelplek')), `${mine}`);
  assert.ok(!mine.some((t) => t.includes('Calisthenicspark')), `${mine}`);

  // Over budget is refused with a message, and the choice is kept.
  await visit(page, `${server.base}${ballotPath}`);
  for (const t of ['Calisthenicspark voor jong en oud', 'Overdekte ontmoetingsplek voor jongeren']) {
    await toggle(page, t, true);
  }
  now = await live(page);
  assert.ok(now.over && now.text.includes('te veel'), `marked over budget: ${now.text}`);
  await checkA11y(page, 'ballot page over budget');
  await tabTo(page, page.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(page);
  await checkA11y(page, 'over budget');
  assert.ok(await page.locator('.error-summary').count() > 0, 'error summary for an over-budget ballot');
  assert.ok((await live(page)).over, 'the server marks the figure over budget too (works without JS)');
  mine = await myBallot(page);
  assert.ok(!mine.some((t) => t.includes('Calisthenicspark')), 'the stored ballot is unchanged');
});

test('resident submits an idea while the submission window is open', async () => {
  await visit(page, `${server.base}/projecten/speelplekken-wesselerbrink`);
  const submitLink = page.locator('main a[href$="/ideeen/nieuw"]').first();
  assert.equal(await submitLink.count(), 1, 'the project invites ideas');
  await tabTo(page, submitLink);
  await pressAndWait(page);
  await checkA11y(page, 'idea form');

  // Too short first: errors are shown and the input is kept.
  await typeInto(page, page.locator('#title'), 'Kort');
  await tabTo(page, page.locator('main form button[value=submit]'));
  await pressAndWait(page);
  await checkA11y(page, 'idea form with errors');
  assert.ok(await page.locator('.error-summary').count() > 0, 'error summary');
  assert.equal(await page.locator('#title').inputValue(), 'Kort', 'input kept');

  await page.locator('#title').fill('');
  await typeInto(page, page.locator('#title'), 'Een pannaveld bij de Wesselerhof');
  await typeInto(page, page.locator('#summary'), 'Een klein voetbalveld met hekken, waar kinderen veilig kunnen voetballen.');
  await typeInto(page, page.locator('#description'),
    'Kinderen voetballen nu op straat tussen de auto\'s. Een pannaveld met hekken rondom, een kunstgrasvloer '
    + 'en een bankje voor de ouders geeft hun een veilige plek. De buurt wil helpen met het schoonhouden.');
  await typeInto(page, page.locator('#cost'), '15000');
  await page.locator('#area_id').selectOption({ label: 'Wesselerbrink' });
  const spelen = page.locator('main input[name=themes]').first();
  await tabTo(page, spelen);
  await page.keyboard.press('Space');
  await tabTo(page, page.locator('main form button[value=submit]'));
  await pressAndWait(page);
  await checkA11y(page, 'idea page');
  assert.match(page.url(), /\/ideeen\/\d+/);
  assert.match(await page.locator('h1').innerText(), /pannaveld/);
  assert.ok((await page.locator('main').innerText()).includes('Ingediend'), 'status submitted');
});

test('staff generate voting codes; a code holder votes without an account', async () => {
  assert.ok(ballotPath, 'ballot found in the first test');
  const id = ballotPath.split('/').pop();
  const email = 'stemcodes@enschede.nl';
  const password = 'redacteur-wachtwoord-2026';
  server.cli('admin', 'create-staff', '--org', 'enschede', '--email', email, '--name', 'Sem Stemcode',
    '--role', 'editor', '--password', password);
  const staffCtx = await browser.newContext({ acceptDownloads: true });
  const staff = await staffCtx.newPage();
  await visit(staff, `${server.base}/inloggen?terug=/beheer`);
  await staff.fill('#email', email);
  await staff.fill('#password', password);
  await Promise.all([staff.waitForNavigation(), staff.locator('main form button[type=submit]').first().click()]);
  await staff.goto(`${server.base}/beheer`);
  assert.match(staff.url(), /\/inloggen\/tweestaps/);
  const secret = (await staff.locator('main dd code').first().innerText()).replace(/\s+/g, '');
  await staff.fill('#code', totp(secret));
  await Promise.all([staff.waitForNavigation(), staff.locator('main form button[type=submit]').first().click()]);

  await visit(staff, `${server.base}/beheer/stemmen/${id}`);
  await staff.fill('#count', '3');
  const [download] = await Promise.all([
    staff.waitForEvent('download'),
    staff.locator(`form[action="/beheer/stemmen/${id}/codes"] button[type=submit]`).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  assert.equal(csv[0], 'code,url');
  assert.equal(csv.length, 4, `three codes: ${csv}`);
  const [code, url] = csv[1].split(',');
  assert.ok(url.endsWith(`/stemmen/${id}/code`), url);
  assert.doesNotMatch(code.replace(/[-\s]/g, ''), /[01OIL]/, 'no look-alike characters');
  await staffCtx.close();

  // The code holder, without an account.
  const voterCtx = await browser.newContext();
  const voter = await voterCtx.newPage();
  await visit(voter, `${server.base}/stemmen/${id}/code`);
  await typeInto(voter, voter.locator('#code'), code);
  await pressAndWait(voter);
  await checkA11y(voter, 'ballot with a code');
  await toggle(voter, 'Bankjes langs het wandelrondje', true);
  await toggle(voter, 'Minibiebs in heel Zuid', true);
  await tabTo(voter, voter.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(voter);
  await checkA11y(voter, 'review with a code');
  await tabTo(voter, voter.locator('main form button[type=submit]:not([formaction])').first());
  await pressAndWait(voter);
  await checkA11y(voter, 'thanks');
  assert.match(voter.url(), /\/bedankt/);
  assert.ok((await voter.locator('main').innerText()).includes('Uw stem is opgeslagen'));
  await voterCtx.close();
});

test('the finished Jij maakt Noord 2025 shows its results and realisation updates', async () => {
  await visit(page, `${server.base}/projecten/jij-maakt-noord-2025`);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes('Zo staat het ervoor'), 'realisation update on the project page');
  const results = page.locator('main a[href$="/uitslag"]').first();
  assert.equal(await results.count(), 1, 'link to the results');
  await tabTo(page, results);
  await pressAndWait(page);
  await checkA11y(page, 'results page');
  const text = await page.locator('main').innerText();
  assert.ok(text.includes('Aantal stemmen: 552'), text);
  assert.ok(await page.locator('main table').count() > 0, 'a table next to the bar chart');
  assert.doesNotMatch(text, /\b(ballot|ideas)-[a-z-]+\b/, 'no missing translation keys');
  // A selected idea says so on its page.
  const idea = page.locator('main table a[href^="/ideeen/"]').first();
  await visit(page, `${server.base}${await idea.getAttribute('href')}`);
  assert.ok((await page.locator('main').innerText()).includes('Gekozen door de bewoners'));

  // The ideas of Jij maakt Zuid: the list and an idea with a threaded discussion.
  await visit(page, `${server.base}/projecten/jij-maakt-zuid`);
  const all = page.locator('main a[href^="/onderdelen/"][href$="/ideeen"]').first();
  await visit(page, `${server.base}${await all.getAttribute('href')}`);
  const pluk = page.locator('main a[href^="/ideeen/"]', { hasText: 'Pluktuin' }).first();
  await visit(page, `${server.base}${await pluk.getAttribute('href')}`);
  const ideaText = await page.locator('main').innerText();
  assert.ok(ideaText.includes('Zet mij maar op de lijst') || ideaText.includes('zet mij maar op de lijst'), 'replies shown');
  assert.doesNotMatch(ideaText, /\bideas-[a-z-]+\b/, 'no missing translation keys');
});
