// Parameter catalogue, part 3: custom dimensions and variables, premium plugins (media,
// crash), the overrides that need token_auth, and control flags (docs/tracking-protocol.md#visitor-parameters, #authenticated-overrides, #control-parameters).
import { param, type ParamSpec } from './param-spec';

/** `dimension1`, `dimension2`, …: ids start at 1 (docs/tracking-protocol.md#visitor-parameters, #open-questions). */
export const DIMENSION_PATTERN = /^dimension([1-9][0-9]*)$/;

export const CUSTOM_PARAMS: ParamSpec[] = [
  param(
    'dimensionN',
    'Custom dimensions',
    'string',
    'Custom dimension N',
    'Value of custom dimension N; read only if that id is active for the site.',
    '2.2',
    { pattern: DIMENSION_PATTERN, maxLength: 250, plugin: 'CustomDimensions' },
  ),
  param(
    '_cvar',
    'Custom variables',
    'json',
    'Visit custom variables',
    'JSON object {"slot": [name, value]} of visit-scope custom variables.',
    '2.2',
    { jsonShape: 'object', plugin: 'CustomVariables' },
  ),
  param(
    'cvar',
    'Custom variables',
    'json',
    'Page custom variables',
    'JSON object {"slot": [name, value]} of page-scope custom variables.',
    '2.2',
    { jsonShape: 'object', plugin: 'CustomVariables' },
  ),
  param(
    'e_cvar',
    'Custom variables',
    'json',
    'Event custom variables',
    'Event-scope custom variables sent by the JavaScript tracker; not read.',
    '2.2',
    { jsonShape: 'object', readByMatomo5: false },
  ),
];

const media = (
  name: string,
  type: ParamSpec['type'],
  label: string,
  description: string,
): ParamSpec => param(name, 'Media', type, label, description, '2.7', { plugin: 'MediaAnalytics' });

export const MEDIA_PARAMS: ParamSpec[] = [
  media('ma_id', 'string', 'Media id', 'Id of this media view (required).'),
  media('ma_re', 'string', 'Media resource', 'URL of the media file (required).'),
  media('ma_mt', 'string', 'Media type', '"video" or "audio" (required).'),
  media('ma_ti', 'string', 'Media title', 'Title of the video or audio.'),
  media('ma_pn', 'string', 'Player name', 'Player that plays it (html5, youtube, …).'),
  media('ma_st', 'int', 'Seconds played', 'How many seconds were played so far.'),
  media('ma_le', 'int', 'Media length', 'Total length in seconds.'),
  media('ma_ps', 'int', 'Position', 'Current playback position in seconds.'),
  media('ma_ttp', 'int', 'Time to play', 'Seconds until playback started.'),
  media('ma_w', 'int', 'Width', 'Player width in pixels.'),
  media('ma_h', 'int', 'Height', 'Player height in pixels.'),
  media('ma_fs', 'int', 'Fullscreen', '1 when played in full screen.'),
  media('ma_se', 'string', 'Seen segments', 'Comma-separated positions that were watched.'),
];

const crash = (name: string, type: ParamSpec['type'], label: string, description: string) =>
  param(name, 'Crash', type, label, description, '2.7', { plugin: 'CrashAnalytics' });

export const CRASH_PARAMS: ParamSpec[] = [
  crash('cra', 'string', 'Crash message', 'Error message of the crash (required).'),
  crash('cra_st', 'string', 'Stack trace', 'Stack trace of the error.'),
  crash('cra_ct', 'string', 'Crash category', 'Category you give the crash.'),
  crash('cra_tp', 'string', 'Crash type', 'Error type, e.g. TypeError.'),
  crash('cra_ru', 'string', 'Source URI', 'Script or resource where the error happened.'),
  crash('cra_rl', 'int', 'Source line', 'Line number of the error.'),
  crash('cra_rc', 'int', 'Source column', 'Column number of the error.'),
];

const override = (name: string, label: string, description: string, maxLength?: number) =>
  param(name, 'Authenticated overrides', 'string', label, description, '2.6', {
    requiresAuth: true,
    ...(maxLength === undefined ? {} : { maxLength }),
  });

export const OVERRIDE_PARAMS: ParamSpec[] = [
  param(
    'token_auth',
    'Authenticated overrides',
    'token',
    'Auth token',
    'Token of a user with write access; unlocks the overrides below. Keep it server-side.',
    '2.6',
  ),
  override('cip', 'Visitor IP', 'IP address to record instead of the sender’s.'),
  param(
    'cdt',
    'Authenticated overrides',
    'datetime',
    'Hit time',
    'When the hit happened: Unix seconds or a date (UTC); 24 h or older needs a token.',
    '2.6',
    { requiresAuth: true },
  ),
  param(
    'cdo',
    'Authenticated overrides',
    'int',
    'Time offset',
    'Seconds to subtract from cdt (or from now).',
    '2.6',
  ),
  override('country', 'Country', 'Two-letter country code to record.', 3),
  override('region', 'Region', 'Region code to record.', 3),
  override('city', 'City', 'City name to record.'),
  override('lat', 'Latitude', 'Latitude to record.'),
  override('long', 'Longitude', 'Longitude to record.'),
];

export const CONTROL_PARAMS: ParamSpec[] = [
  param(
    'send_image',
    'Control',
    'string',
    'Send image',
    'Exactly 0 asks for an empty 204 answer instead of the 1×1 GIF.',
    '2.7',
    { trackerSet: true },
  ),
  param(
    'ping',
    'Control',
    'int',
    'Heartbeat',
    '1 only extends the current visit’s time on page; no action is recorded.',
    '2.4',
    { defaultValue: 0 },
  ),
  param(
    'ca',
    'Control',
    'int',
    'Custom action',
    '1 marks a hit that is not a page view (event, content, media, …).',
    '2.4',
    { defaultValue: 0, trackerSet: true },
  ),
  param(
    'cs',
    'Control',
    'string',
    'Page charset',
    'Character set of the page; Matomo uses it only to re-encode site search keywords read from the page URL.',
    '2.4',
  ),
  param('bots', 'Control', 'int', 'Track bots', 'Non-zero records hits from bots too.', '2.4', {
    defaultValue: 0,
  }),
  param(
    'debug',
    'Control',
    'int',
    'Debug output',
    '1 asks for a text trace instead of the image, if the server allows it.',
    '2.7',
  ),
  param(
    'queuedtracking',
    'Control',
    'int',
    'Queue bypass',
    '0 makes a queueing Matomo process the request at once.',
    '2.7',
    { plugin: 'QueuedTracking' },
  ),
  param(
    'tracker_install_check',
    'Control',
    'string',
    'Install check',
    'Nonce of the tracker installation test; the hit itself is not recorded. 0 or empty is no install check.',
    '2.7',
  ),
  param(
    'consent',
    'Control',
    'any',
    'Consent given',
    'Set by the JavaScript tracker once consent was given; not read.',
    '2.7',
    { readByMatomo5: false },
  ),
  param(
    'data',
    'Control',
    'json',
    'Custom data',
    'Free JSON data added by tracker plugins; not read by core.',
    '2.7',
    { readByMatomo5: false, jsonShape: 'any' },
  ),
];
