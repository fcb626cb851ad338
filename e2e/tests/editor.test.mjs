// Journey: an editor logs in, sets up two-factor login, creates a project, fills it, adds a
// poll, and publishes it; a visitor then sees the poll on the public page. The editor then
// reports realisation progress on a selected idea, which shows on the idea page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, visit, checkA11y, staffLogin } from './harness.mjs';

let server;
let browser;
let page;
const email = 'redacteur@enschede.nl';
const password = 'redacteur-wachtwoord-2026';

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(form) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type=submit]').first().click()]);
}

test('editor creates, fills and publishes a project with a poll', async () => {
  // Log in with password; /beheer then asks for two-factor setup first.
  await staffLogin(page, server, email, 'editor', password);

  // A new project. First an empty title: the form shows the error and keeps the summary.
  await visit(page, `${server.base}/beheer/projecten/nieuw`);
  await page.fill('#summary', 'Samen kiezen we een nieuwe inrichting voor het Volkspark.');
  await submit(page.locator('main form').first());
  await checkA11y(page, 'project form with errors');
  assert.equal(await page.locator('#summary').inputValue(), 'Samen kiezen we een nieuwe inrichting voor het Volkspark.');
  await page.fill('#title', 'Het Volkspark vernieuwen');
  await page.fill('#body', 'Het **Volkspark** krijgt nieuwe speelplekken. Wat vindt u belangrijk?');
  await submit(page.locator('main form').first());
  await checkA11y(page, 'project manage page');
  const manageUrl = page.url();
  assert.match(manageUrl, /\/beheer\/projecten\/\d+/);

  // Publishing without a component is refused.
  await submit(page.locator('form:has(input[name=status][value=published])'));
  await checkA11y(page, 'publish refused');
  assert.ok(await page.locator('.field-error, .error-summary').count() > 0, 'publishing without a component is refused');

  // Add a poll component and configure it.
  await page.goto(manageUrl);
  await page.selectOption('#comp_kind', 'poll');
  await page.fill('#comp_title', 'Peiling: wat eerst?');
  await submit(page.locator('form:has(#comp_kind)'));
  await page.goto(manageUrl);
  const pollHref = await page.locator('a[href^="/beheer/peilingen/"]').first().getAttribute('href');
  await visit(page, `${server.base}${pollHref}`);
  await page.fill('#question', 'Wat moet er als eerste komen?');
  await page.fill('#choices', 'Een speeltuin\nMeer bankjes\nEen pannaveld');
  await submit(page.locator(`form[action="${pollHref}"]`));
  await checkA11y(page, 'poll saved');

  // A phase, then publish.
  await page.goto(manageUrl);
  await page.fill('#phase_name', 'Meedenken');
  await page.fill('#phase_start', '2026-11-01');
  await page.fill('#phase_end', '2027-02-28');
  await submit(page.locator('form:has(#phase_name)'));
  await page.goto(manageUrl);
  await submit(page.locator('form:has(input[name=status][value=published])'));
  await checkA11y(page, 'published');

  // The public sees it, with the poll's choices.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto(`${server.base}/`);
  await checkA11y(pub, 'home with the new project');
  await Promise.all([pub.waitForNavigation({ waitUntil: 'load' }), pub.click('text=Het Volkspark vernieuwen')]);
  await checkA11y(pub, 'public project page');
  assert.ok(await pub.locator('text=Wat moet er als eerste komen?').count() > 0, 'poll question shown');
  assert.ok(await pub.locator('text=Meer bankjes').count() > 0, 'poll choices shown');
  await visitor.close();
});

test('editor reports progress on a selected idea', async () => {
  // The demo's finished project has selected ideas; the public API lists them.
  const r = await fetch(`${server.base}/api/v1/ideeen?status=selected`);
  assert.equal(r.status, 200);
  const list = await r.json();
  assert.ok(list.total >= 1, 'the demo has selected ideas');
  const id = list.results[0].id;

  await visit(page, `${server.base}/beheer/idee/${id}/voortgang`);
  await checkA11y(page, 'progress form');
  // A percentage above 100 is refused, the text is kept.
  await page.fill('#status_text', 'Tegels gelegd');
  await page.fill('#percent', '120');
  await page.fill('#body', 'De **tegels** liggen er. Volgende week komen de bankjes.');
  await submit(page.locator('main form').first());
  await checkA11y(page, 'progress form with errors');
  assert.ok(await page.locator('#percent-error').isVisible(), 'percentage error next to the field');
  assert.equal(await page.locator('#status_text').inputValue(), 'Tegels gelegd');
  await page.fill('#percent', '85');
  await submit(page.locator('main form').first());
  await checkA11y(page, 'progress saved');

  await visit(page, `${server.base}/ideeen/${id}`);
  await checkA11y(page, 'idea page with progress');
  assert.ok(await page.locator('#voortgang >> text=Tegels gelegd').count() > 0, 'the update is on the timeline');
  assert.equal(await page.locator('#voortgang progress[value="85"]').count(), 1);
});
