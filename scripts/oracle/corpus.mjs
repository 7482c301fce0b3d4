// The inputs the oracle sends through Matomo's functions and Hitscope's decoder. Add a case
// here when a report about a disagreement comes in; cases are cheap.
import { STRTOTIME_TEXTS } from './strtotime-cases.mjs';
import {
  ACTION_NAMES,
  CUSTOM_VARIABLES,
  EC_ITEMS,
  FLOAT_VALUES,
  RESOLUTIONS,
  REVENUES,
  URLS,
  VISITOR_IDS,
} from './stored-value-cases.mjs';
const texts = [
  'plain',
  'a&b',
  'a<b>',
  `quote"d`,
  "it's",
  '&amp;',
  '&#97;bc',
  '&eacute;',
  '&apos;',
  '&#0;',
  '&NewLine;',
  '&#x41;',
  'é',
  '😀',
  'a\u0000b',
  ' padded ',
  'line\nbreak',
  '0',
  '00',
  '1e3',
  '0123456789abcde&',
  'éééééééé',
];
const latin1 = [
  'e9',
  '74e974e9',
  'c3a9e9',
  'ff',
  '61266280',
  'c0af',
  'eda080',
  'f4908080',
  'c3',
  'e282',
  '80',
  'efbbbf41',
  '00e9',
  '20e920',
];
/** Whitespace and "is it set?" texts: PHP's trim() and empty() decide on them. */
const blanks = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u0000',
  '\u00a0',
  '\u2003',
  ' 0 ',
  '0',
  '0.0',
  '00',
  '',
  'false',
  'null',
  ' x ',
  '\u0000x\u0000',
  '\ufeff',
];
/** The tracker's int and float parameters (core/Tracker/Request.php lines 371–440). */
const numericParams = [
  '_refts',
  'idgoal',
  'ping',
  'bots',
  'dp',
  'rec',
  'new_visit',
  'ec_st',
  'ec_tx',
  'ec_sh',
  'ec_dt',
  '_pkp',
  'e_v',
  'cdo',
  'search_count',
  'pf_net',
  'pf_srv',
  'pf_tfr',
  'pf_dm1',
  'pf_dm2',
  'pf_onl',
  'ca',
];
const numbers = [
  '10',
  '10,50',
  '1,5e3',
  ',5',
  '.5',
  '5.',
  ' 5',
  '5 ',
  '5\n',
  'abc',
  '1e999',
  '-0',
  '+1',
  '0x1A',
  '1_000',
  '12abc',
  '1.2.3',
  '9999999999999999999',
  '1e2',
  ' 7',
  '7 ',
  '1.0',
  '',
];
const dates = STRTOTIME_TEXTS;
const oldDates = [
  '2024-10-23',
  '2024-10-23 10:00:05',
  '2024-10-23T10:00:05Z',
  '2024-10-23T10:00:05+02:00',
  '10/23/2024',
  '23.10.2024',
  'Wed, 23 Oct 2024 10:00:00 GMT',
  'Wed Oct 23 10:00:00 2024',
  'yesterday',
  'yesterday noon',
  '-2 hours',
  '3 days ago',
  'last monday',
  'next friday',
  'first day of last month',
  'last day of previous month',
  'noon tomorrow',
  '2024W43',
  '2024-297',
  '20241023',
  '20241023T100000',
  'Oct 2024',
  '1 Oct',
  'tomorrow 9am',
  '+1 week 2 days',
  'midnight -1 sec',
  '@1729700000',
  'foo',
  '24:00',
  '2024-10-23 24:00',
];
const json = [
  '[1,2]',
  '{"a":1}',
  '\ufeff[1]',
  '[1,]',
  "{'a':1}",
  'null',
  '"x"',
  ' [1] ',
  '[1]\n',
  'NaN',
  '1e999',
  '\ufeff{"requests":[]}',
  '{"requests":["?idsite=1"]}',
  '{"requests":["?idsite=1",]}',
  '{"requests":"?idsite=1"}',
  '[]',
  '{}',
  '{"a":1,"a":2}',
  '{"a":"\\ud800"}',
  '{"a":"\\u00e9"}',
  '"\\x"',
  '01',
  '-0',
  '1.',
  '.5',
  '[1 2]',
  '{"a":01}',
  '  ',
  '',
  '[[[[[[[[[[1]]]]]]]]]]',
];
const jsonBytes = [
  '5b22e9225d',
  '5b2263616fe9225d',
  '7b2231223a5b226e222c22e9225d7d',
  'efbbbf5b315d',
  '5b315de9',
  '5b22c3a9225d',
];
const urls = [
  'http:///m.php?a=1',
  'http://h:abc/?a=1',
  'http://h:8a/?a=1',
  '//h/?a=1',
  '?a=1',
  'http://u@/?a=1',
  'http://[::1]/?a=1',
  'h:70000/x?a=1',
  'http://h/?a=1#f',
  'http://h#f?a=1',
  'http://h/?',
  'http://h/?#',
  'http://h?a=1',
  'http://h:80?a=1',
  'http://h:0/?a=1',
  'http://h:65535/?a=1',
  'http://h:65536/?a=1',
  'http://h:/?a=1',
  'http://:80/?a=1',
  'http://u:p@h/?a=1',
  'http://u:p@/?a=1',
  'https://h/p?a=1&b=2',
  'ftp://h/?a=1',
  'mailto:x@y?a=1',
  'javascript:alert(1)?a=1',
  '/matomo.php?a=1',
  'matomo.php?a=1',
  '//?a=1',
  '///?a=1',
  'http://h/p?a=1?b=2',
  'http://h/p??a=1',
  'http://[::1/?a=1',
  'http://h /?a=1',
  'http://h/ ?a=1',
  'http://h/\u0000?a=1',
  'http:?a=1',
  'http:/h?a=1',
  ':?a=1',
  'h:1/?a=1',
  'h:x/?a=1',
  '1:2?a=1',
];

/** Prices of three decimals spread over 0–1000, both signs: halves that Math.round gets wrong. */
const spreadPrices = Array.from({ length: 400 }, (_, i) => {
  const thousandths = (i * 7919 + 5) % 1_000_000;
  return `${i % 2 ? '-' : ''}${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, '0')}`;
});

/**
 * The corpus; `customVariables` is a checkout of the CustomVariables plugin (no longer part of
 * Matomo's own tree), without which its cases are left out.
 */
export function buildCorpus(customVariables = null) {
  const cases = [];
  for (const type of ['string', 'int', 'float']) {
    const fallback = type === 'float' ? false : type === 'int' ? -1 : '';
    for (const input of [...texts, ...numbers, ...blanks])
      cases.push({ kind: 'getRequestVar', type, default: fallback, input });
    for (const hex of latin1) cases.push({ kind: 'getRequestVar', type, default: fallback, hex });
  }
  for (const input of [...texts, ...blanks, ...numbers]) {
    cases.push({ kind: 'trim', input }, { kind: 'empty', input });
  }
  for (const name of numericParams) {
    for (const input of [...numbers, ...blanks]) cases.push({ kind: 'param', name, input });
    for (const hex of latin1) cases.push({ kind: 'param', name, hex });
  }
  for (const input of [...new Set([...oldDates, ...dates])])
    cases.push({ kind: 'strtotime', input });
  for (const input of json) cases.push({ kind: 'json_decode', input });
  for (const hex of jsonBytes) cases.push({ kind: 'json_decode', hex });
  for (const input of urls) cases.push({ kind: 'parse_url', input });
  for (const input of EC_ITEMS) cases.push({ kind: 'ec_items', input });
  for (const input of URLS) cases.push({ kind: 'url', input });
  // Each of h, m, s alone with every number and blank, then the edges of their ranges.
  for (const part of ['h', 'm', 's'])
    for (const value of [...numbers, ...blanks, '23', '24', '59', '60', '-1', '0', '00', '007'])
      cases.push({ kind: 'local_time', input: JSON.stringify({ [part]: value }) });
  cases.push({ kind: 'local_time', input: '{}' });
  for (const input of VISITOR_IDS) cases.push({ kind: 'visitor_id', input });
  for (const input of RESOLUTIONS) cases.push({ kind: 'resolution', input });
  const timings = ['-1', '-2', '0', '16777215', '16777216', '-0', '1e3', '1.5', '-1.0', ' -1'];
  for (const input of [...numbers, ...blanks, ...timings])
    cases.push({ kind: 'page_performance', input });
  for (const input of [...FLOAT_VALUES, ...numbers, ...blanks]) {
    cases.push({ kind: 'event_value', input }, { kind: 'product_price', input });
  }
  for (const input of ACTION_NAMES) cases.push({ kind: 'action_name', input });
  for (const input of [...REVENUES, ...spreadPrices]) {
    cases.push({ kind: 'price', input }, { kind: 'revenue', input });
  }
  if (customVariables) {
    for (const name of ['_cvar', 'cvar'])
      for (const input of CUSTOM_VARIABLES) cases.push({ kind: 'custom_variables', name, input });
  }
  return { now: 1729771200, customVariables, cases };
}
