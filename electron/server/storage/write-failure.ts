// The words for a data file the disk refuses to write: shown in the UI's banner and the
// summary while tracking requests are answered 503 (nothing is acknowledged unless stored).
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an input/output error',
  EROFS: 'the file system is read-only',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EFBIG: 'the file is too large for the file system',
};

export function writeFailure(error: unknown, dataFile: string): string {
  const err = error as NodeJS.ErrnoException;
  const reason = (err.code && REASONS[err.code]) ?? err.message;
  return (
    `New requests cannot be stored in ${dataFile}: ${reason}${err.code ? ` (${err.code})` : ''}. ` +
    'Trackers get 503 until a write succeeds again; capturing resumes by itself once space is free.'
  );
}
