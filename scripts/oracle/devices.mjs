#!/usr/bin/env node
// The device oracle: runs DeviceDetector itself (a local checkout of the release Matomo pins,
// with php-cli and its yaml extension) and Hitscope's detection on the same user agents — every
// user agent of that checkout's own test fixtures, plus edge cases — and prints where they
// disagree. The bot verdict decides whether Matomo keeps a hit, so any difference there (or in
// the bot's name) is a disagreement; client, OS and device type only describe a hit and are
// reported as agreement rates. Not part of the tests. See docs/oracle.md.
//
//   node scripts/oracle/devices.mjs --device-detector ../device-detector [--php php] [--json]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { hitscopeSide, phpAnswers, runOracle } from './sides.mjs';

const DESCRIPTIVE = ['client', 'os', 'device'];

/** Texts at the edges of the bot patterns: line ends, case, no letters, a long text. */
const EDGE_CASES = [
  'node',
  'Spotify/8.8.0 Android/33',
  'Google\n',
  'Google\n\n',
  'Node\rjs',
  'xGooglebot/2.1',
  'MZ-Googlebot/2.1',
  'GOOGLEBOT',
  '1234567890',
  '',
  ' ',
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${'A'.repeat(600)} Googlebot/2.1`,
];

function options(argv) {
  const read = { php: 'php', 'device-detector': null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') read.json = true;
    else if (flag === '--device-detector' || flag === '--php') read[flag.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!read['device-detector'])
    throw new Error('--device-detector <path to a device-detector checkout> is required');
  return read;
}

/** Every `user_agent` of the checkout's fixture files (Tests/fixtures/*.yml), once each. */
function fixtureUserAgents(root) {
  const dir = join(root, 'Tests', 'fixtures');
  const seen = new Set();
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.yml'))
    .sort()) {
    const entries = yaml.load(readFileSync(join(dir, name), 'utf8'));
    if (!Array.isArray(entries)) continue;
    for (const entry of entries)
      if (typeof entry?.user_agent === 'string') seen.add(entry.user_agent);
  }
  return [...seen];
}

async function check(work) {
  const opts = options(process.argv.slice(2));
  const root = opts['device-detector'];
  const userAgents = [...new Set([...fixtureUserAgents(root), ...EDGE_CASES])];
  const theirs = phpAnswers(opts.php, 'device-detector-side.php', root, userAgents, work);
  const { deviceAnswer } = await hitscopeSide('device-side.ts', work);
  const disagreements = [];
  const agree = Object.fromEntries(DESCRIPTIVE.map((field) => [field, 0]));
  let bots = 0;
  userAgents.forEach((userAgent, index) => {
    const matomo = theirs[index];
    const hitscope = deviceAnswer(userAgent);
    if (matomo.bot) bots++;
    if (matomo.bot !== hitscope.bot || (matomo.bot && matomo.botName !== hitscope.botName)) {
      disagreements.push({ userAgent, matomo, hitscope });
    }
    for (const field of DESCRIPTIVE) if (matomo[field] === hitscope[field]) agree[field]++;
  });
  const humans = userAgents.length - bots;
  const rate = (field) => `${((100 * (agree[field] - bots)) / humans).toFixed(1)} %`;
  if (opts.json) {
    console.log(JSON.stringify({ userAgents: userAgents.length, bots, agree, disagreements }));
  } else {
    for (const d of disagreements) {
      console.log(JSON.stringify(d.userAgent));
      console.log(`  matomo:   bot ${d.matomo.bot} ${d.matomo.botName ?? ''}`);
      console.log(`  hitscope: bot ${d.hitscope.bot} ${d.hitscope.botName ?? ''}`);
    }
    console.log(
      `${disagreements.length} bot disagreement(s) in ${userAgents.length} user agents ` +
        `(${bots} bots). Other user agents, same as DeviceDetector: client ${rate('client')}, ` +
        `OS ${rate('os')}, device type ${rate('device')}`,
    );
  }
  return disagreements.length;
}

runOracle(check);
