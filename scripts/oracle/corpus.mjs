// The inputs the oracle sends through Matomo's functions and Hitscope's decoder. Add a case
// here when a report about a disagreement comes in; cases are cheap.
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
const latin1 = ['e9', '74e974e9', 'c3a9e9', 'ff', '61266280', 'c0af'];
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
const dates = [
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
];

export function buildCorpus() {
  const cases = [];
  for (const type of ['string', 'int', 'float']) {
    const fallback = type === 'float' ? false : type === 'int' ? -1 : '';
    for (const input of [...texts, ...numbers])
      cases.push({ kind: 'getRequestVar', type, default: fallback, input });
    for (const hex of latin1) cases.push({ kind: 'getRequestVar', type, default: fallback, hex });
  }
  for (const input of dates) cases.push({ kind: 'strtotime', input });
  for (const input of json) cases.push({ kind: 'json_decode', input });
  for (const input of urls) cases.push({ kind: 'parse_url', input });
  return { now: 1729771200, cases };
}
