// Journey: an organisation offers a room in the Makelpunt, staff approve it, and a resident
// finds it through search and opens its page (enquiries are covered by tests/it/spaces.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, visit, checkA11y, registerAndVerify, staffLogin, tabTo, typeInto, pressAndWait, lastMail, linkIn } from './harness.mjs';

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
  await provider.fill('#lat', '52,2215');
  await provider.fill('#lon', '6,8937');
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
  assert.equal(await resident.locator('main svg.map circle').count(), 1, 'the space page shows its point on a map');

  // The map view: same results, a marker that is a link reachable by keyboard, the list beside.
  await visit(resident, `${server.base}/makelpunt?q=zaal&weergave=kaart`);
  await checkA11y(resident, 'map view');
  const marker = resident.locator('main svg.map a.map-link').first();
  assert.equal(await marker.count(), 1, 'one marker');
  assert.ok(await resident.locator('main ol.map-list a', { hasText: 'Grote zaal Buurthuis Velve' }).count() > 0);
  await tabTo(resident, marker);
  await pressAndWait(resident);
  assert.match(resident.url(), /\/makelpunt\/ruimtes\/\d+$/, 'Enter on the marker opens the space');

  // A visitor without an account sends an enquiry for two dates, by keyboard, and confirms
  // it through the link in the mail; the thread opens through the secret link.
  await typeInto(resident, resident.locator('#guest_name'), 'Fatima de Vries');
  await typeInto(resident, resident.locator('#guest_email'), 'fatima@example.nl');
  await typeInto(resident, resident.locator('#activity'), 'Breiclub');
  await tabTo(resident, resident.locator('#on_date'));
  await resident.locator('#on_date').fill('2027-03-02');
  await resident.selectOption('#part', 'evening');
  await resident.locator('#on_date_2').fill('2027-03-09');
  await resident.selectOption('#part_2', 'evening');
  await typeInto(resident, resident.locator('#people'), '12');
  await typeInto(resident, resident.locator('#message'), 'Wij zoeken een plek om samen te breien.');
  await tabTo(resident, resident.locator('main form[action$="/aanvraag"] button[type=submit]'));
  await pressAndWait(resident);
  await checkA11y(resident, 'enquiry waits for the mail link');
  assert.ok(resident.url().includes('melding=space-enquiry-check-mail'));
  const mail = lastMail(server, 'fatima@example.nl');
  await visit(resident, `${server.base}${linkIn(mail, '/makelpunt/aanvraag-bevestigen/')}`);
  await submit(resident, resident.locator('main form').first());
  await checkA11y(resident, 'guest thread');
  assert.match(resident.url(), /\/makelpunt\/gast\//);
  assert.ok(await resident.locator('text=2027-03-09').count() > 0, 'both dates in the thread');
});
