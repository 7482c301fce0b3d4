// Compact hits (HitSummaryDto) built by hand for the plan and matcher tests: only what the
// matching engine reads is meaningful, the rest is filled with plain values.
import type { HitSummaryDto } from '../../shared/api/types';
import type { HitType, Issue } from '../../shared/matomo/types';
import { SAMPLE_DEVICE } from '../capture/sample-dtos';

let counter = 0;

export interface SummaryHitOptions {
  id?: string;
  type?: HitType;
  params?: Record<string, string>;
  issues?: Issue[];
  /** Seconds after 2026-01-01 00:00:00 UTC; default: one more than the previous hit. */
  at?: number;
  index?: number;
  summary?: string;
}

export function summaryHit(options: SummaryHitOptions = {}): HitSummaryDto {
  counter += 1;
  const params: Record<string, string> = { idsite: '1', rec: '1', ...options.params };
  const id = options.id ?? `h${counter}`;
  return {
    id,
    receivedAt: new Date(Date.UTC(2026, 0, 1) + (options.at ?? counter) * 1000).toISOString(),
    requestId: id,
    index: options.index ?? 0,
    batchSize: 1,
    transport: 'get',
    method: 'GET',
    path: '/matomo.php',
    remoteAddress: '127.0.0.1',
    userAgent: SAMPLE_DEVICE.userAgent,
    params,
    type: options.type ?? 'pageview',
    outcome: 'recorded',
    issues: options.issues ?? [],
    device: SAMPLE_DEVICE,
    summary: options.summary ?? params.action_name ?? '',
    idsite: Number(params.idsite),
    status: 200,
    imported: false,
  };
}

/** An event hit: `e_c`, `e_a` and any other parameters. */
export function eventHit(
  category: string,
  action: string,
  options: SummaryHitOptions = {},
): HitSummaryDto {
  return summaryHit({
    ...options,
    type: 'event',
    params: { e_c: category, e_a: action, ...options.params },
    summary: `${category} / ${action}`,
  });
}
