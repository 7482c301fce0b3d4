// Realistic tracking requests for the benchmarks: page views as the JavaScript tracker
// (matomo.js 5) sends them, parameters in its order (docs/tracking-protocol.md#js-tracker).
export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

const PAGES = [
  '',
  'products/',
  'products/lamp-42',
  'cart',
  'checkout',
  'blog/how-we-ship',
  'about',
];

/** The query string of the n-th page view (varied values, same shape). */
export function pageviewQuery(n, sendImage = 1) {
  const page = PAGES[n % PAGES.length];
  const params = [
    ['action_name', `Shop – ${page || 'Home'}`],
    ['idsite', '1'],
    ['rec', '1'],
    ['r', String(100000 + ((n * 7919) % 900000))],
    ['h', String(n % 24)],
    ['m', String(n % 60)],
    ['s', String((n * 7) % 60)],
    ['url', `https://shop.example/${page}?utm_source=newsletter&n=${n}`],
    ['urlref', 'https://www.google.com/'],
    ['_id', (0x5a2b3c4d5e6f7a8bn + BigInt(n % 500)).toString(16).padStart(16, '0').slice(-16)],
    ['_idn', '0'],
    ['send_image', String(sendImage)],
    ['_refts', '1729771200'],
    ['_ref', 'https://www.google.com/'],
    ['pv_id', `aB${(n % 10000).toString(36).padStart(4, '0')}`],
    ['dimension1', 'member'],
    [
      'uadata',
      '{"fullVersionList":[{"brand":"Chromium","version":"126.0.6478.126"},{"brand":"Google Chrome","version":"126.0.6478.126"}],"mobile":false,"model":"","platform":"Linux","platformVersion":"6.5.0"}',
    ],
    ['pdf', '1'],
    ['qt', '0'],
    ['realp', '0'],
    ['wma', '0'],
    ['fla', '0'],
    ['java', '0'],
    ['ag', '0'],
    ['cookie', '1'],
    ['res', '1920x1080'],
  ];
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

export const BROWSER_HEADERS = {
  'user-agent': CHROME_UA,
  accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  'accept-language': 'en-GB,en;q=0.9',
  referer: 'https://shop.example/',
  'sec-fetch-dest': 'image',
  'sec-fetch-mode': 'no-cors',
  'sec-fetch-site': 'cross-site',
};

/** A bulk body of `count` page views, as the JavaScript tracker's queue sends it. */
export function bulkBody(count) {
  const requests = Array.from({ length: count }, (_, i) => `?${pageviewQuery(i, 0)}`);
  return JSON.stringify({ requests, send_image: 0 });
}

/**
 * About 2,000 distinct user agents of the kind a web server log holds: current and older
 * Chrome, Firefox, Safari and Edge on Windows, macOS, Linux, Android and iOS, with build
 * numbers varied as real installations vary them.
 */
export function realisticUserAgents() {
  const agents = [];
  for (let v = 100; v < 132; v++) {
    for (let build = 0; build < 12; build++) {
      const chrome = `${v}.0.${6000 + build * 37}.${build * 11}`;
      agents.push(
        `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`,
        `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`,
        `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`,
        `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Mobile Safari/537.36`,
        `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36 Edg/${chrome}`,
      );
    }
    agents.push(
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
      `Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
      `Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
    );
  }
  for (let major = 14; major < 18; major++) {
    for (let minor = 0; minor < 8; minor++) {
      agents.push(
        `Mozilla/5.0 (iPhone; CPU iPhone OS ${major}_${minor} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${major}.${minor} Mobile/15E148 Safari/604.1`,
        `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${major}.${minor} Safari/605.1.15`,
      );
    }
  }
  return agents;
}
