import { describe, expect, it } from 'vitest';
import { readTargetUrl, targetLabel } from './target';

describe('readTargetUrl', () => {
  it('splits the script name off a typed Matomo URL', () => {
    expect(readTargetUrl('https://stats.example/sub/piwik.php')).toEqual({
      target: 'https://stats.example/sub/',
      path: '/piwik.php',
    });
    expect(readTargetUrl('stats.example')).toEqual({
      target: 'https://stats.example/',
      path: null,
    });
    expect(readTargetUrl('http://127.0.0.1:9000/matomo/')).toEqual({
      target: 'http://127.0.0.1:9000/matomo/',
      path: null,
    });
  });

  it('refuses what the server would refuse, saying why', () => {
    expect(readTargetUrl('ftp://x/')).toEqual({
      error: 'Only http and https targets can be sent to, not ftp:',
    });
    expect(readTargetUrl('')).toHaveProperty('error');
    expect(readTargetUrl('http://')).toHaveProperty('error');
    expect(targetLabel('self')).toBe('this Hitscope');
  });
});
