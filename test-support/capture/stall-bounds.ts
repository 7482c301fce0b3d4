// The bounds and request shapes the stall tests share. A stall is the longest stretch of CPU
// work between two turns of the event loop (stall-monitor.ts); the bounds are far above what
// a slice of the server's work takes, and far below the work done whole.

/** The longest stall a request of megabytes may cause, from arrival to answer. */
export const MAX_STALL_MS = 100;
/**
 * The bound of work the server does in slices of time it measures itself, from end to end:
 * reading stored hits back, searches, exports, imports, the composer's check.
 */
export const MAX_SLICED_STALL_MS = 50;

export const MB = 1024 * 1024;
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const JSON_BODY = { 'content-type': 'application/json' };
