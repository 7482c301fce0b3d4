// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../shared/matomo/types';
import { issuesByParam, worstSeverity } from './issues';

const issue = (code: string, severity: Issue['severity'], param?: string): Issue =>
  param ? { code, severity, message: code, param } : { code, severity, message: code };

describe('issue views', () => {
  it('groups issues by the parameter they name, in order, leaving out those naming none', () => {
    const a = issue('a', 'error', 'idsite');
    const b = issue('b', 'warning');
    const c = issue('c', 'info', 'idsite');
    const d = issue('d', 'warning', 'url');
    const map = issuesByParam([a, b, c, d]);
    expect([...map.keys()]).toEqual(['idsite', 'url']);
    expect(map.get('idsite')).toEqual([a, c]);
    expect(map.get('url')).toEqual([d]);
  });

  it('gives the worst severity, or null when there is no issue', () => {
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity([issue('a', 'info')])).toBe('info');
    expect(worstSeverity([issue('a', 'info'), issue('b', 'warning')])).toBe('warning');
    expect(worstSeverity([issue('a', 'warning'), issue('b', 'error')])).toBe('error');
  });
});
