// Replaying captured hits from the table selection against a real `hitscope serve`:
// as one bulk and one by one, with volatile values made up again and visitor ids kept.
import { expect, test } from './support/fixtures';
import { HitsPage } from './support/hits-page';

const VISITOR = '5a2b3c4d5e6f7a8b';
const hit = (extra: Record<string, string>) => ({
  idsite: '1',
  rec: '1',
  _id: VISITOR,
  pv_id: 'AAAAAA',
  r: '111111',
  h: '1',
  m: '2',
  s: '3',
  url: 'https://shop.example/p',
  ...extra,
});

test('selected hits are resent as one bulk with fresh volatile values', async ({ app, server }) => {
  await server.sendHit(hit({ action_name: 'Landing' }));
  await server.sendHit(hit({ e_c: 'Video', e_a: 'Play', ca: '1' }));
  const hits = new HitsPage(app);
  await hits.expectRowCount(2);
  await hits.row('Landing').click();
  await hits.row('Video').click({ modifiers: ['Control'] });

  await app.getByRole('button', { name: 'Resend as bulk' }).click();
  const dialog = app.getByRole('dialog', { name: 'Resend as one bulk' });
  await dialog.getByRole('button', { name: 'Resend 2 hits' }).click();
  await expect(
    app.getByText(/Resent 2 hits as one bulk to this Hitscope: 2 recorded\./),
  ).toBeVisible();

  const all = await server.waitForHits(4);
  const replayed = all.filter((h) => h.transport === 'bulk');
  expect(replayed).toHaveLength(2);
  // In the order they happened: the page view first.
  expect(replayed.map((h) => h.index)).toEqual(expect.arrayContaining([0, 1]));
  expect(replayed.find((h) => h.index === 0)!.params.action_name).toBe('Landing');
  for (const h of replayed) {
    expect(h.params._id).toBe(VISITOR);
    expect(h.params.r).not.toBe('111111');
    expect(h.params.pv_id).not.toBe('AAAAAA');
  }
  // The two hits shared a page view id, and still share one.
  expect(replayed[0]!.params.pv_id).toBe(replayed[1]!.params.pv_id);
});

test('a captured hit is resent one by one to this server unchanged', async ({ app, server }) => {
  await server.sendHit(hit({ action_name: 'Once' }));
  const hits = new HitsPage(app);
  await hits.row('Once').click();
  await app.getByRole('button', { name: 'Resend…' }).click();
  await app
    .getByRole('dialog', { name: 'Resend hit' })
    .getByRole('button', { name: 'Resend' })
    .click();
  await expect(app.getByText(/Resent to this Hitscope: recorded\./)).toBeVisible();
  const all = await server.waitForHits(2, { q: 'Once' });
  expect(all.map((h) => h.rawQuery)).toEqual([all[1]!.rawQuery, all[1]!.rawQuery]);
});

test('a hit of a bulk keeps the bulk token_auth when resent alone (docs/tracking-protocol.md#bulk-request)', async ({
  app,
  server,
}) => {
  const token = 'c0ffee0123456789abcdef0123456789';
  const entry = new URLSearchParams(
    hit({ action_name: 'Signed', cip: '198.51.100.23' }),
  ).toString();
  await server.sendBulk([`?${entry}`], { token_auth: token });
  const hits = new HitsPage(app);
  await hits.row('Signed').click();
  await app.getByRole('button', { name: 'Resend…' }).click();
  await app
    .getByRole('dialog', { name: 'Resend hit' })
    .getByRole('button', { name: 'Resend' })
    .click();
  await expect(app.getByText(/token_auth was added to the request/)).toBeVisible();
  await expect(app.getByText(token)).toHaveCount(0);
  const all = await server.waitForHits(2, { q: 'Signed' });
  const resent = all.find((h) => h.transport !== 'bulk')!;
  // Sent alone as a form POST: the token authenticates cip, and stays out of the URL.
  expect(resent.transport).toBe('post');
  expect(resent.params.token_auth).toBe(token);
  expect(resent.outcome).toBe('recorded');
  expect(resent.issues.map((issue) => issue.code)).not.toContain('auth.required');
});

test('a bot hit resent one by one and as a bulk keeps its user agent and its outcome', async ({
  app,
  server,
}) => {
  const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
  const human = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
  await server.sendHit(hit({ action_name: 'Crawled' }), { headers: { 'user-agent': bot } });
  await server.sendHit(hit({ action_name: 'Visited' }), { headers: { 'user-agent': human } });
  const [captured] = await server.waitForHits(1, { q: 'Crawled' });
  expect(captured!.outcome).toBe('excluded');
  const hits = new HitsPage(app);
  await hits.expectRowCount(2);

  await hits.row('Crawled').click();
  await app.getByRole('button', { name: 'Resend…' }).click();
  await app
    .getByRole('dialog', { name: 'Resend hit' })
    .getByRole('button', { name: 'Resend' })
    .click();
  const alone = (await server.waitForHits(2, { q: 'Crawled' })).find((h) => h.id !== captured!.id);
  expect(alone!.outcome).toBe(captured!.outcome);

  // As one bulk with a hit of another browser: one User-Agent header for both.
  await hits.row('Visited').click();
  await hits
    .row('Crawled')
    .first()
    .click({ modifiers: ['Control'] });
  await app.getByRole('button', { name: 'Resend as bulk' }).click();
  await app
    .getByRole('dialog', { name: 'Resend as one bulk' })
    .getByRole('button', { name: 'Resend 2 hits' })
    .click();
  const bulk = (await server.waitForHits(4)).filter((h) => h.transport === 'bulk');
  expect(bulk).toHaveLength(2);
  const crawled = bulk.find((h) => h.params.action_name === 'Crawled')!;
  const visited = bulk.find((h) => h.params.action_name === 'Visited')!;
  expect(crawled.outcome).toBe('excluded');
  expect(visited.outcome).toBe('recorded');
  expect(crawled.device.userAgent).toBe(bot);
  expect(visited.device.userAgent).toBe(human);
});
