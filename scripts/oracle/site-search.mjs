// Optional oracle (not part of `npm test`): runs Matomo's own site search detection with
// php-cli on a corpus of page URLs and compares it with Hitscope's detectSiteSearch, printing
// every disagreement. Matomo's code is read at run time from your Matomo checkout (a work tree,
// or a bare git directory such as a mirror) and only written to a temporary directory.
//   node scripts/oracle/site-search.mjs /path/to/matomo            (a checkout)
//   node scripts/oracle/site-search.mjs /path/to/matomo.git --git  (a git directory, HEAD)
// Needs php-cli with mbstring (`apt-get install php-cli php-mbstring`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CASES } from './site-search-cases.mjs';

const [where, mode] = process.argv.slice(2);
if (!where) {
  console.error('usage: node scripts/oracle/site-search.mjs <matomo checkout> [--git]');
  process.exit(2);
}
const source = (path) =>
  mode === '--git'
    ? execFileSync('git', [`--git-dir=${where}`, 'show', `HEAD:${path}`], { encoding: 'utf8' })
    : readFileSync(join(where, path), 'utf8');

/** One method of a Matomo class, from its `function name(` line to its closing brace. */
function method(path, name) {
  const lines = source(path).split('\n');
  const start = lines.findIndex((line) => line.includes(`function ${name}(`));
  if (start === -1) throw new Error(`${name} not found in ${path}`);
  const end = lines.findIndex((line, i) => i > start && line === '    }');
  return lines
    .slice(start, end + 1)
    .join('\n')
    .replace(/protected static/g, 'public static');
}

const dir = mkdtempSync(join(tmpdir(), 'hitscope-oracle-'));
try {
  // getArrayFromQueryString without its transient cache (a Matomo service).
  const query = method('core/UrlHelper.php', 'getArrayFromQueryString')
    .replace(/\n\s*\/\/ TODO:[\s\S]*?\n\s*}\n/, '\n')
    .replace(/\n\s*\$cache->save\([^;]*;/, '');
  const php = `<?php
class Common {
  const HTML_ENCODING_QUOTE_STYLE = ENT_QUOTES;
  static function printDebug($m) {}
${method('core/Common.php', 'sanitizeInputValue')}
${method('core/Common.php', 'sanitizeString').replace('private static', 'public static')}
${method('core/Common.php', 'sanitizeLineBreaks')}
${method('core/Common.php', 'sanitizeNullBytes')}
}
class UrlHelper {
${method('core/UrlHelper.php', 'inArrayMatchesRegex')}
${method('core/UrlHelper.php', 'getQueryStringWithExcludedParameters')}
${method('core/UrlHelper.php', 'getParseUrlReverse')}
${query}
}
class PageUrl {
${method('core/Tracker/PageUrl.php', 'reencodeParameterValue')}
${method('core/Tracker/PageUrl.php', 'reencodeParametersArray')}
${method('core/Tracker/PageUrl.php', 'reencodeParameters')}
${method('core/Tracker/PageUrl.php', 'urldecodeValidUtf8')}
}
class SiteSearch {
${method('plugins/Actions/Actions/ActionSiteSearch.php', 'detectSiteSearchFromUrl')}
${method('plugins/Actions/Actions/ActionSiteSearch.php', 'isValidSearchCount')}
}
$defaults = explode(',', 'q,query,s,search,searchword,k,keyword,keywords');
$out = [];
foreach (json_decode(stream_get_contents(STDIN), true) as $case) {
  // PageUrl::cleanupString, then ActionSiteSearch::detectSiteSearch lines 247-266.
  $url = trim(str_replace(["\\n", "\\r", "\\0"], '', $case['url']));
  $parsed = @parse_url($url);
  $site = ['sitesearch_keyword_parameters' => $case['kw'] ?? $defaults,
           'sitesearch_category_parameters' => $case['cat'] ?? ['']];
  $found = false;
  if (!empty($parsed['query']) || !empty($parsed['fragment'])) {
    $found = @SiteSearch::detectSiteSearchFromUrl($site, $parsed, $case['cs'] ?? '');
  }
  $out[] = $found === false || trim($found[1]) === '' ? null
    : ['url' => $found[0], 'keyword' => trim($found[1]), 'category' => trim($found[2])];
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
`;
  writeFileSync(join(dir, 'oracle.php'), php);
  const matomo = JSON.parse(
    execFileSync('php', [join(dir, 'oracle.php')], {
      input: JSON.stringify(CASES),
      encoding: 'utf8',
    }),
  );

  await build({
    entryPoints: [new URL('../../shared/matomo/site-search.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(dir, 'site-search.mjs'),
    logLevel: 'warning',
  });
  const { detectSiteSearch } = await import(join(dir, 'site-search.mjs'));

  let disagreements = 0;
  CASES.forEach((c, i) => {
    const params = { url: c.url, ...(c.cs ? { cs: c.cs } : {}) };
    const found = detectSiteSearch(params, { keywordParams: c.kw, categoryParams: c.cat });
    const ours = found && { url: found.url, keyword: found.keyword, category: found.category };
    if (JSON.stringify(ours) !== JSON.stringify(matomo[i])) {
      disagreements++;
      console.log(
        `${JSON.stringify(c)}\n  Matomo:   ${JSON.stringify(matomo[i])}\n  Hitscope: ${JSON.stringify(ours)}`,
      );
    }
  });
  console.log(`${CASES.length} cases, ${disagreements} disagreement(s)`);
  process.exitCode = disagreements ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
