// The product version shown by `hitscope --version`, the start banner and /api/health.
// A constant (not a package.json read) so it works the same bundled as ESM, as CommonJS
// inside the desktop app, and from source in tests; a test keeps it equal to package.json.
export const VERSION = '0.1.0';
