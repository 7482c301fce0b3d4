// Who a hit belongs to, as Matomo 5 resolves it: the visitor id of the request (uid hashed,
// then cid, then _id: shared/matomo/visitor.ts, from core/Tracker/Request.php lines 746–800)
// and the device fingerprint ("config id") Matomo falls back to.
import { readInt } from '../matomo/coerce';
import { sha1Hex } from '../matomo/sha1';
import type { ParamValue } from '../matomo/types';
import { isFilled, textParam } from '../matomo/validate-context';
import { visitorId } from '../matomo/visitor';
import type { VisitHitInput, VisitIdentity } from './types';

/** The plugin flags of the fingerprint, in Matomo's order (core/Tracker/Request.php lines 855–862). */
const PLUGIN_PARAMS = ['fla', 'java', 'qt', 'realp', 'pdf', 'wma', 'ag', 'cookie'] as const;

const pluginFlag = (params: Record<string, ParamValue>, name: string): string => {
  // Common::getRequestVar(…, 0, 'int'): anything but an integer reads as 0.
  const read = readInt(params[name]);
  return String(read.ok ? read.value : 0);
};

/**
 * The browser language Matomo uses (core/Tracker/Request.php lines 319–323, core/Common.php
 * lines 823–860): `lang` when set, else Accept-Language, without spaces, comments and
 * quality values, lower-cased; the fingerprint keeps its first 20 characters.
 */
export function browserLanguage(params: Record<string, ParamValue>, acceptLanguage = ''): string {
  const raw = textParam(params, 'lang') || acceptLanguage;
  return raw
    .replace(/\\./g, '')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/;q=[0-9.]+/g, '')
    .replace(/\..*/, '')
    .toLowerCase();
}

/** The visitor IP: cip when set (a refused one rejected the hit already), else the peer. */
export function visitorIp(params: Record<string, ParamValue>, remoteAddress: string): string {
  if (isFilled(params, 'cip')) return textParam(params, 'cip');
  return remoteAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/**
 * The config id of core/Tracker/Settings.php lines 36–176: OS (BOT for bots), browser name
 * and version, the eight plugin flags with two fixed zeros, the IP, the language (20
 * characters), the day in the site's time zone (when visits split at midnight) and the site.
 * Matomo hashes this with md5 and a salt of the installation, so its value cannot be
 * reproduced; this one is equal for two hits exactly when Matomo's is.
 */
export function configIdOf(hit: VisitHitInput, idsite: number, day: string): string {
  const params = hit.params;
  const device = hit.device;
  const os = device ? (device.bot ? 'BOT' : device.os || 'UNK') : hit.userAgent;
  const browser = device ? `${device.browser || 'UNK'}${device.browserVersion ?? ''}` : '';
  const flags = PLUGIN_PARAMS.map((name) => pluginFlag(params, name));
  // fla java 0 qt realp pdf wma 0 ag cookie (Settings.php lines 159–163).
  const plugins = `${flags[0]}${flags[1]}0${flags[2]}${flags[3]}${flags[4]}${flags[5]}0${flags[6]}${flags[7]}`;
  const language = [...browserLanguage(params, hit.acceptLanguage)].slice(0, 20).join('');
  const text = `${os}\u0001${browser}\u0001${plugins}\u0001${visitorIp(params, hit.remoteAddress)}\u0001${language}\u0001${day}\u0001${idsite}`;
  return sha1Hex(text).slice(0, 16);
}

/** The visitor id of the request, or the config id when the request has none. */
export function identityOf(
  hit: VisitHitInput,
  configId: string,
  userIdOverwritesVisitorId: boolean,
): VisitIdentity {
  const params = hit.params;
  const id = userIdOverwritesVisitorId ? visitorId(params) : visitorId({ ...params, uid: '' });
  if (id) return { visitorId: id.id, source: id.source, configId };
  return { visitorId: configId, source: 'config_id', configId };
}
