// The capture server: one node:http server on one port for the tracking endpoint, the
// reporting-API subset the log importer needs, and (through the admin handler) the UI and
// the admin API. It starts listening at once; stored hits stream back in afterwards, and
// tracking requests that arrive meanwhile wait for that load so the order stays true.
// The data directory is locked for the server's lifetime: a second server refuses to start.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SettingsDto } from '../../shared/api/types';
import { REPORTING_API_PATHS } from '../../shared/api/routes';
import { splitRunPath } from '../../shared/api/runs';
import {
  analyzeRequest,
  analyzeRequestInSlices,
  decodeQuery,
  effectiveParams,
  isPreflight,
  parseRequest,
  trackingGif,
} from '../../shared/matomo';
import {
  bulkItemViewsInSlices,
  bulkItemViewsOf,
  hitViewsInSlices,
  hitViewsOf,
  type AnalyzeOptions,
} from '../../shared/matomo/analyze';
import { deviceWarmUpInSteps, rememberDevice } from '../../shared/matomo/user-agent';
import type { DeviceInfo, RawRequest } from '../../shared/matomo/types';
import { createAdminHandler } from './admin/admin-handler';
import type { AdminContext, CaptureServer, ServerOptions } from './contracts';
import {
  createHitDeriver,
  createHitDeriverInTurns,
  createParamsOf,
  type Analyze,
} from './derive-hit';
import { createIdSource, responseRecord, toDtos } from './dto';
import { createServerLogger } from './logger';
import { recordMalformed } from './malformed';
import { defaultMaxMemoryBytes } from './serve-defaults';
import { createSettingsStore, readSitesFile } from './settings-store';
import { lockDataDir, type DataDirLock } from './storage/data-dir';
import { openHitStore } from './storage/hit-store';
import { withVisitStore } from './visits/visit-store';
import { visitRulesKey } from '../../shared/visits/visit-rules';
import { handleReporting } from './tracking/reporting-route';
import { splitTarget } from './tracking/raw-request';
import { isTrackingPath } from './tracking/tracking-paths';
import type { DebugModeOrigin } from './tracking/debug-log';
import { createTrackingHandler } from './tracking/tracking-handler';
import { isTrackerScriptPath, trackerScriptStandIn } from './tracking/tracker-script';
import { writeAnswer } from './tracking/respond';
import { VERSION } from './version';
import { detectionAheadOf, runInTurns } from './warm-up';

/** Analysis work between two turns of the event loop (analyzeRequestInSlices). */
const ANALYSIS_SLICE_MS = 8;

/** A stored hit's views are read with the device stored with it: it is not detected again. */
const storedDevice = (device: DeviceInfo | undefined): AnalyzeOptions =>
  device ? { device: () => device } : {};

/** Reading stored hits again gives the event loop back as often as an analysis does. */
const readSlicing = {
  pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
  sliceMs: ANALYSIS_SLICE_MS,
};
/** The HTTP parser accepts request lines and headers up to this size, above every URL cap. */
const MAX_HEADER_BYTES = 1024 * 1024;

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startCaptureServer(options: ServerOptions): Promise<CaptureServer> {
  const lock = lockDataDir(options.dataDir);
  try {
    return await startLocked(options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Runs `step`, logging instead of throwing, so one failing part does not stop a shutdown. */
async function settle(step: () => Promise<void>, onError: (error: Error) => void): Promise<void> {
  try {
    await step();
  } catch (error) {
    onError(error as Error);
  }
}

async function startLocked(options: ServerOptions, lock: DataDirLock): Promise<CaptureServer> {
  const logger = createServerLogger({
    dataDir: options.dataDir,
    level: options.logLevel,
    toStderr: options.logToStderr,
  });
  const explicit = new Set(options.explicit ?? []);
  const sites = options.sites ?? (options.sitesFile ? readSitesFile(options.sitesFile) : []);
  if (options.sites || options.sitesFile) explicit.add('sites');
  const settings = createSettingsStore({
    dataDir: options.dataDir,
    initial: {
      debugMode: options.debugMode,
      sites,
      upstreamUrl: '',
      maxHits: options.maxHits,
      extraTrackingPaths: [],
      limits: options.limits,
    },
    explicit,
    facts: { trackerUrl: '', version: VERSION },
    warn: (message) => logger.log('warn', message),
  });
  let current: SettingsDto = settings.get();
  // A flag wins over saved settings; a saved mode other than the flag's default came from
  // Settings; from then on, a change of mode is made in Settings (PUT /api/settings).
  let debugModeOrigin: DebugModeOrigin = explicit.has('debugMode')
    ? 'command-line'
    : current.debugMode !== options.debugMode
      ? 'settings'
      : 'default';
  settings.subscribe((next) => {
    if (next.debugMode !== current.debugMode) debugModeOrigin = 'settings';
    current = next;
  });

  // The device detector compiles thousands of patterns on first use (over a second of CPU):
  // done in steps between requests from the start, and tracking requests that arrive before
  // it is over wait for it (or for the patterns their device needs) instead of compiling them
  // all in one stall. The full read of stored hits waits for it too: both need the
  // processor, and tracking needs the warm-up.
  const deviceWarmUp = runInTurns(deviceWarmUpInSteps());

  const analyze: Analyze = (raw, now) =>
    analyzeRequest(raw, {
      now,
      sites: current.sites,
      seenOrders: store.seenOrders(),
    });
  // Made once, not per request (this runs for every tracking request).
  const slicing = {
    pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
    // One new device's detection takes up to ~35 ms of CPU: a short slice before it keeps
    // the longest turn well under the 100 ms the server promises, on a busy machine too.
    sliceMs: ANALYSIS_SLICE_MS,
    // A device detected before (cached, or stored with a recent hit) needs no warm
    // detector: only a new one waits for the warm-up, not every request. Its detection is
    // tried in the warm-up's turns meanwhile, compiling the patterns it needs first: most
    // devices need a few hundred of the thousands, and are answered long before the end.
    beforeDetection: detectionAheadOf(deviceWarmUp, ANALYSIS_SLICE_MS),
  };
  const analyzeInSlices = (raw: RawRequest, now: number) =>
    analyzeRequestInSlices(
      raw,
      { now, sites: current.sites, seenOrders: store.seenOrders() },
      slicing,
    );

  const stored = await openHitStore({
    dataDir: options.dataDir,
    maxHits: current.maxHits,
    maxMemoryBytes: options.maxMemoryBytes ?? defaultMaxMemoryBytes(),
    // Reading a hit needs its views only: the verdicts stored with it are not judged again.
    derive: createHitDeriver(
      (raw, now, device) => hitViewsOf(raw, now, storedDevice(device)),
      (item, headers, now, device) => bulkItemViewsOf(item, headers, now, storedDevice(device)),
    ),
    deriveInTurns: createHitDeriverInTurns(
      (raw, now, device) => hitViewsInSlices(raw, now, { ...storedDevice(device), ...readSlicing }),
      (item, headers, now, device) =>
        bulkItemViewsInSlices(item, headers, now, { ...storedDevice(device), ...readSlicing }),
    ),
    paramsOf: createParamsOf({ parseRequest, decodeQuery, effectiveParams }),
    log: (level, msg, fields) => logger.log(level, msg, fields),
    otherAlerts: () => settings.alerts(),
    fullReadAfter: options.fullReadAfter
      ? Promise.all([deviceWarmUp.done, options.fullReadAfter]).then(() => undefined)
      : deviceWarmUp.done,
    rememberDevice,
  }).catch((error: unknown) => {
    deviceWarmUp.stop();
    throw error;
  });
  const visitStore = withVisitStore(stored, {
    sites: () => current.sites,
    maxHits: current.maxHits,
    log: (msg, err) => logger.log('error', msg, { err }),
  });
  const { store, visits } = visitStore;
  settings.subscribe((next) => store.setMaxHits(next.maxHits));
  // New visit rules (visit length, campaign or referrer change, the site's URLs, …) apply to
  // the stored hits too: their visits are formed again.
  let visitRules = visitRulesKey(current.sites);
  settings.subscribe((next) => {
    const rules = visitRulesKey(next.sites);
    if (rules === visitRules) return;
    visitRules = rules;
    visitStore
      .reform()
      .catch((error: unknown) =>
        logger.log('error', 'Visits could not be formed again', { err: (error as Error).message }),
      );
  });

  const nextId = createIdSource();
  const tracking = createTrackingHandler({
    ready: () => (deviceWarmUp.finished() ? null : deviceWarmUp.done),
    store,
    logger,
    limits: () => current.limits,
    debugMode: () => current.debugMode,
    debugModeOrigin: () => debugModeOrigin,
    nextId,
    analyze,
    analyzeInSlices,
    isPreflight,
    gif: trackingGif(),
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 15_000,
  });

  let baseUrl = '';
  const context: AdminContext = {
    store,
    settings,
    logger,
    token: options.token,
    version: VERSION,
    selfUrl: () => baseUrl,
    analyze: (raw: RawRequest, now = Date.now()) => analyze(raw, now),
    analyzeInSlices,
    nextId,
    visits,
    visitsFormed: () => visitStore.rebuilt(),
    onVisitsReformed: (listener) => visitStore.onReformed(listener),
    toDtos: (raw, analysis) =>
      toDtos(raw, analysis, {
        id: nextId(),
        receivedAt: new Date(),
        response: responseRecord(analysis.response, 0),
      }),
    ...(options.uiDir ? { uiDir: options.uiDir } : {}),
  };
  const admin = createAdminHandler(context);

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const target = splitTarget(req.url ?? '/');
    const done = (error: unknown) => {
      logger.log('error', 'Request handling failed', {
        url: req.url,
        err: (error as Error)?.stack,
      });
      writeAnswer(
        res,
        400,
        { 'content-type': 'text/plain; charset=utf-8' },
        'The request could not be processed.\n',
      );
    };
    try {
      // Under `/run/<id>/`, every tracking path (configured ones too) joins that run.
      const trackingPath = splitRunPath(target.path)?.path ?? target.path;
      if (isTrackingPath(trackingPath, current.extraTrackingPaths)) {
        tracking(req, res, target).catch(done);
        return;
      }
      if (req.method === 'GET' && isTrackerScriptPath(target.path)) {
        writeAnswer(
          res,
          200,
          {
            'content-type': 'application/javascript; charset=utf-8',
            'cache-control': 'no-store',
          },
          trackerScriptStandIn(target.path, `${baseUrl}/matomo.php`),
        );
        return;
      }
      if ((REPORTING_API_PATHS as readonly string[]).includes(target.path)) {
        const handled = handleReporting(req, res, target.query, current.sites, logger);
        if (handled) {
          handled.catch(done);
          return;
        }
      }
      if (!admin(req, res)) {
        writeAnswer(
          res,
          404,
          { 'content-type': 'text/plain; charset=utf-8' },
          notFoundText(target.path),
        );
      }
    } catch (error) {
      done(error);
    }
  };

  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false, keepAliveTimeout: 5_000 },
    onRequest,
  );
  server.on(
    'clientError',
    (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
      recordMalformed(error, socket, { store, logger, nextId });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    deviceWarmUp.stop();
    await store.close();
    await logger.close();
    throw error;
  });

  server.on('error', (error) => logger.log('error', 'Server error', { err: error.message }));

  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${hostForUrl(options.host)}:${port}`;
  lock.describe(baseUrl);
  const trackerUrl = `${baseUrl}/matomo.php`;
  settings.setFacts({ trackerUrl });
  logger.log('info', 'Capture server listening', { url: baseUrl, dataDir: options.dataDir });

  store
    .load()
    .then((report) => logger.log('info', 'Stored hits loaded', { ...report }))
    .catch((error: Error) =>
      logger.log('error', 'Stored hits could not be loaded', { err: error.message }),
    );

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    port,
    host: options.host,
    token: options.token,
    trackerUrl,
    uiUrl: admin.signInUrl(),
    dataDir: options.dataDir,
    store,
    close() {
      closing ??= (async () => {
        deviceWarmUp.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        admin.endStreams();
        server.closeIdleConnections();
        // Give in-flight requests a moment to be stored and answered, then cut the rest.
        const grace = setTimeout(() => server.closeAllConnections(), 2_000);
        await closed;
        clearTimeout(grace);
        const failed = (error: Error) =>
          logger.log('error', 'Stopping the server', { err: error.message });
        await settle(() => store.close(), failed);
        logger.log('info', 'Capture server stopped');
        await settle(
          () => logger.close(),
          () => undefined,
        );
        lock.release();
      })();
      return closing;
    },
  };
}

function notFoundText(path: string): string {
  return (
    `Nothing is served at ${path}.\n` +
    'This is a Hitscope capture server: send tracking requests to /matomo.php or /piwik.php; ' +
    'the UI and the API (/api/) need the token printed when the server started.\n'
  );
}
