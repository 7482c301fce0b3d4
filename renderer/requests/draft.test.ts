import { describe, expect, it } from 'vitest';
import seedExample from './seed-example-request.txt?raw';
import {
  DEFAULT_PREFS,
  addParam,
  applyRawText,
  createDraft,
  draftHasToken,
  draftQuery,
  enabledPairs,
  nextDimensionName,
  normalizeRaw,
  rawView,
  setParamValue,
  switchTemplate,
  TOKEN_MASK,
  toggleParam,
  upsertParam,
  type ComposerDraft,
} from './draft';
import { decodeQuery, encodeQuery } from './query-codec';

const BASE = 'http://127.0.0.1:8765';
const ctx = { lastIdsite: '3', prefs: DEFAULT_PREFS, random: () => 0.5 };

function pairs(draft: ComposerDraft) {
  return enabledPairs(draft).map((p) => [p.name, p.value]);
}

describe('form → raw', () => {
  it('starts from the template and the defaults, and shows the URL', () => {
    const draft = createDraft('event', ctx);
    expect(pairs(draft)).toEqual([
      ['ca', '1'],
      ['idsite', '3'],
      ['rec', '1'],
      ['_id', '8888888888888888'],
      ['pv_id', 'ffffff'],
    ]);
    expect(rawView(draft, BASE)).toBe(
      `${BASE}/matomo.php?ca=1&idsite=3&rec=1&_id=8888888888888888&pv_id=ffffff`,
    );
  });

  it('leaves out the defaults the user turned off', () => {
    const draft = createDraft('blank', {
      ...ctx,
      prefs: { ...DEFAULT_PREFS, visitorId: false, pageviewId: false, rec: false },
    });
    expect(pairs(draft)).toEqual([['idsite', '3']]);
  });

  it('encodes what the form holds like the JS tracker, and skips unticked params', () => {
    let draft = createDraft('event', {
      ...ctx,
      prefs: { ...DEFAULT_PREFS, visitorId: false, pageviewId: false },
    });
    draft = upsertParam(draft, 'e_c', 'Vidéo & Audio');
    draft = upsertParam(draft, 'e_a', 'Play/Pause = 100%');
    draft = addParam(draft, 'dimension1', 'a+b');
    const rec = draft.params.find((p) => p.name === 'rec')!;
    draft = toggleParam(draft, rec.key, false);
    expect(draftQuery(draft)).toBe(
      'ca=1&idsite=3&e_c=Vid%C3%A9o%20%26%20Audio&e_a=Play%2FPause%20%3D%20100%25&dimension1=a%2Bb',
    );
    // And the encoding reads back to the same values.
    expect(decodeQuery(draftQuery(draft)).pairs).toEqual(enabledPairs(draft));
  });

  it('follows a form edit made after a raw edit', () => {
    let draft = applyRawText(createDraft('blank', ctx), '?idsite=1&action_name=a b', BASE);
    expect(rawView(draft, BASE)).toBe('?idsite=1&action_name=a b');
    const name = draft.params.find((p) => p.name === 'action_name')!;
    draft = setParamValue(draft, name.key, 'a b c');
    expect(rawView(draft, BASE)).toBe(`${BASE}/matomo.php?idsite=1&action_name=a%20b%20c`);
  });
});

describe('raw → form', () => {
  it('fills the form from a pasted URL, keeping the typed text until the editor is left', () => {
    const text =
      'https://stats.example/piwik.php?idsite=7&rec=1&e_c=Video&e_a=Play&url=https%3A%2F%2Fx.example%2F%3Fa%3D1';
    const draft = applyRawText(createDraft('pageview', ctx), text, BASE, { pasted: true });
    expect(pairs(draft)).toEqual([
      ['idsite', '7'],
      ['rec', '1'],
      ['e_c', 'Video'],
      ['e_a', 'Play'],
      ['url', 'https://x.example/?a=1'],
    ]);
    expect(draft.template).toBe('event');
    expect(draft.path).toBe('/piwik.php');
    expect(draft.rawOrigin).toBe('https://stats.example');
    expect(rawView(draft, BASE)).toBe(text);
    expect(rawView(normalizeRaw(draft), BASE)).toBe(
      `${BASE}/piwik.php?idsite=7&rec=1&e_c=Video&e_a=Play&url=https%3A%2F%2Fx.example%2F%3Fa%3D1`,
    );
  });

  it('reads a bare query string, with or without "?", + as space and broken escapes as text', () => {
    const draft = applyRawText(createDraft('blank', ctx), 'action_name=Hello+World&x=%zz&&y', BASE);
    expect(pairs(draft)).toEqual([
      ['action_name', 'Hello World'],
      ['x', '%zz'],
      ['y', ''],
    ]);
    // A literal % is sent escaped, so Matomo reads the same text back.
    expect(draftQuery(normalizeRaw(draft))).toBe('action_name=Hello%20World&x=%25zz&y=');
  });

  it('fills the form from a curl command: method, path, headers, form body', () => {
    const command = `curl 'http://127.0.0.1:8765/matomo.php?idsite=1' \\
  -H 'User-Agent: Mozilla/5.0 (X11) Test' \\
  -H 'Content-Type: application/x-www-form-urlencoded' \\
  --data-raw 'e_c=Shop&e_a=Add%20to%20cart&idsite=9&rec=1'`;
    const draft = applyRawText(createDraft('blank', ctx), command, BASE, { pasted: true });
    expect(draft.method).toBe('POST');
    expect(draft.headers).toEqual({ 'user-agent': 'Mozilla/5.0 (X11) Test' });
    expect(draft.template).toBe('event');
    // The query string wins over the body in Matomo (docs/tracking-protocol.md#parameter-sources), so it comes last.
    expect(pairs(draft)).toEqual([
      ['e_c', 'Shop'],
      ['e_a', 'Add to cart'],
      ['idsite', '9'],
      ['rec', '1'],
      ['idsite', '1'],
    ]);
    expect(draft.rawOrigin).toBeNull();
  });

  it('reports an unreadable curl command and leaves the form alone', () => {
    const before = createDraft('event', ctx);
    const draft = applyRawText(before, `curl 'http://x/?a=1`, BASE);
    expect(draft.rawError).toMatch(/quote/);
    expect(draft.params).toEqual(before.params);
  });

  it('recognises a bulk body and keeps it for the bulk builder', () => {
    const draft = applyRawText(
      createDraft('blank', ctx),
      '{"requests":["?idsite=1&rec=1","?idsite=2&rec=1"],"token_auth":"abc"}',
      BASE,
    );
    expect(draft.rawBulk).toMatchObject({
      items: ['?idsite=1&rec=1', '?idsite=2&rec=1'],
      tokenAuth: 'abc',
      body: '{"requests":["?idsite=1&rec=1","?idsite=2&rec=1"],"token_auth":"abc"}',
    });
  });

  it('reads the seed example exactly as Matomo would receive its values', () => {
    const draft = applyRawText(createDraft('blank', ctx), seedExample, BASE, { pasted: true });
    const values = pairs(draft);
    expect(values).toEqual([
      [
        '_cvar',
        '{“1″:["OS","iphone 5.0"],”2″:["Piwik Mobile Version","1.6.2"],”3″:["Locale","en::en"],”4″:["Num Accounts","2"]}',
      ],
      ['action_name', 'View settings'],
      ['url', 'http://mobileapp.piwik.org/window/settings '],
      ['idsite', '8876'],
      ['rand', '351459'],
      ['h', '18'],
      ['m', '13'],
      ['s', '3 '],
      ['rec', '1'],
      ['apiv', '1'],
      ['cookie', ' '],
      ['urlref', 'http://iphone.mobileapp.piwik.org'],
      ['_id', 'af344a398df83874 '],
      ['_idvc', '19'],
      ['res', '320×480'],
    ]);
    expect(draft.path).toBe('/piwik.php');
    expect(draft.template).toBe('pageview');
    const query = draftQuery(normalizeRaw(draft));
    // Spaces, quotes, braces and non-ASCII are escaped; nothing is left raw.
    expect(query).not.toMatch(/[ “″”×{}"]/);
    expect(query).toContain('res=320%C3%97480');
    expect(query).toContain('action_name=View%20settings');
    // Round trip: the encoded query reads back to the same values.
    expect(decodeQuery(query).pairs.map((p) => [p.name, p.value])).toEqual(values);
  });
});

describe('templates and dimensions', () => {
  it('switches kind keeping shared fields and added params', () => {
    let draft = createDraft('event', ctx);
    draft = upsertParam(draft, 'e_c', 'Video');
    draft = upsertParam(draft, 'url', 'https://a.example/');
    draft = addParam(draft, 'dimension2', 'x');
    draft = switchTemplate(draft, 'download');
    const names = pairs(draft).map(([n]) => n);
    expect(names).not.toContain('e_c');
    expect(names).not.toContain('ca');
    expect(names).toEqual(expect.arrayContaining(['url', 'dimension2', 'idsite', 'rec']));
    draft = switchTemplate(draft, 'ecommerce_order');
    expect(pairs(draft)[0]).toEqual(['idgoal', '0']);
  });

  it('picks the next custom dimension, preferring the site’s active ones', () => {
    const draft = addParam(createDraft('blank', ctx), 'dimension1', 'a');
    expect(nextDimensionName(draft)).toBe('dimension2');
    expect(nextDimensionName(draft, [1, 4, 5])).toBe('dimension4');
  });
});

describe('token_auth in the raw view', () => {
  const blank = () =>
    createDraft('blank', {
      ...ctx,
      prefs: { ...DEFAULT_PREFS, visitorId: false, pageviewId: false },
    });

  it('masks every name PHP reads as token_auth, as the inspector and exports do', () => {
    let draft = blank();
    expect(draftHasToken(draft)).toBe(false);
    draft = addParam(draft, 'token.auth', 'secret-one');
    draft = addParam(draft, 'token_auth[]', 'secret-two');
    draft = addParam(draft, ' token_auth', 'secret-three');
    draft = addParam(draft, 'token_auth2', 'not-a-token');
    expect(draftHasToken(draft)).toBe(true);
    expect(rawView(draft, BASE, { maskToken: true })).toBe(
      `${BASE}/matomo.php?idsite=3&rec=1&token.auth=${TOKEN_MASK}` +
        `&token_auth%5B%5D=${TOKEN_MASK}&%20token_auth=${TOKEN_MASK}&token_auth2=not-a-token`,
    );
    expect(rawView(draft, BASE)).toContain('token.auth=secret-one&token_auth%5B%5D=secret-two');
  });

  it('keeps each real token when the masked text is typed back', () => {
    let draft = addParam(addParam(blank(), 'token.auth', 'secret-one'), 'token_auth[]', 'two');
    const shown = rawView(draft, BASE, { maskToken: true });
    draft = applyRawText(draft, `${shown}&uid=me`, BASE);
    expect(pairs(draft)).toEqual([
      ['idsite', '3'],
      ['rec', '1'],
      ['token.auth', 'secret-one'],
      ['token_auth[]', 'two'],
      ['uid', 'me'],
    ]);
  });

  it('shows no mask for an empty token', () => {
    const draft = addParam(blank(), 'token_auth', '');
    expect(draftHasToken(draft)).toBe(false);
    expect(rawView(draft, BASE, { maskToken: true })).toBe(
      `${BASE}/matomo.php?idsite=3&rec=1&token_auth=`,
    );
  });
});

describe('encodeQuery', () => {
  it('encodes as the JavaScript tracker does, a lone surrogate as U+FFFD and quotes kept', () => {
    expect(encodeQuery([{ name: 'e_n', value: "it's \ud800 😀" }])).toBe(
      "e_n=it's%20%EF%BF%BD%20%F0%9F%98%80",
    );
  });
});
