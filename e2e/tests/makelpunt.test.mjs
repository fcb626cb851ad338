// Journey: an organisation offers a room in the Makelpunt, staff approve it, and a resident
// finds it through search and opens its page (enquiries are covered by tests/it/spaces.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, visit, checkA11y, registerAndVerify, staffLogin } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  ({ browser } = await launch());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(page, form) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type=submit]').first().click()]);
}

test('a provider lists a room, staff approve it, and a resident finds it', async () => {
  // The provider registers an organisation.
  const provider = await (await browser.newContext()).newPage();
  await registerAndVerify(provider, server, 'bestuur@buurthuis-velve.nl', 'Buurthuis Velve');
  await visit(provider, `${server.base}/makelpunt/aanbieder-worden`);
  await provider.fill('#name', 'Stichting Buurthuis Velve');
  await provider.selectOption('#kind', { index: 1 });
  await provider.fill('#contact_email', 'bestuur@buurthuis-velve.nl');
  await provider.check('#may_share');
  await submit(provider, provider.locator('form[action="/makelpunt/aanbieder-worden"]'));
  await checkA11y(provider, 'provider registered');

  // Staff approve it.
  const staff = await (await browser.newContext()).newPage();
  await staffLogin(staff, server, 'makelaar@enschede.nl', 'editor');
  await visit(staff, `${server.base}/beheer/makelpunt`);
  await submit(staff, staff.locator('form[action*="/besluit"]').first());
  await checkA11y(staff, 'provider approved');

  // The provider lists a room, first with a missing name: the error shows and input stays.
  await visit(provider, `${server.base}/makelpunt/aanbieder`);
  const dash = await provider.locator('main a[href^="/makelpunt/aanbieder/"]').first().getAttribute('href');
  await visit(provider, `${server.base}${dash}`);
  await visit(provider, `${server.base}${dash}/ruimtes/nieuw`);
  const description = 'Een lichte zaal met keuken, geschikt voor kookles, breiclub en yoga. '
    + 'Er is een invalidentoilet en de ingang is zonder drempel. Koffie en thee zijn aanwezig.';
  await provider.fill('#description', description);
  await provider.fill('#address', 'Velvetstraat 1, Enschede');
  await submit(provider, provider.locator('main form').first());
  await checkA11y(provider, 'space form with errors');
  assert.equal(await provider.locator('#description').inputValue(), description, 'input kept');
  await provider.fill('#name', 'Grote zaal Buurthuis Velve');
  await provider.selectOption('#area_id', { index: 1 });
  await provider.fill('#cap_seated', '40');
  await provider.check('#price_type');
  await provider.check('#w-1-evening');
  await provider.selectOption('#status', 'published');
  await submit(provider, provider.locator('main form').first());
  await checkA11y(provider, 'space saved');

  // A resident searches and finds it.
  const resident = await (await browser.newContext()).newPage();
  await visit(resident, `${server.base}/makelpunt?q=zaal`);
  const hit = resident.locator('main a', { hasText: 'Grote zaal Buurthuis Velve' }).first();
  assert.ok(await hit.count() > 0, 'the room is found by a word from its name');
  await visit(resident, `${server.base}/makelpunt?capaciteit=100`);
  assert.equal(await resident.locator('main a', { hasText: 'Grote zaal Buurthuis Velve' }).count(), 0,
    'a room for 40 is not shown when 100 places are needed');
  await visit(resident, `${server.base}/makelpunt?q=zaal`);
  await Promise.all([resident.waitForNavigation({ waitUntil: 'load' }), hit.click()]);
  await checkA11y(resident, 'space page');
  assert.ok(await resident.locator('text=Velvetstraat 1').count() > 0, 'the address is shown');
});
