// One line per hit that fits its type. The server computes `summary`; this builds the
// same kind of line from the parameters when a hit arrives without one.
import type { HitType, ParamValue } from '../../shared/matomo/types';
import { paramText } from './hit-row';

type Params = Record<string, ParamValue>;
const p = (params: Params, name: string) => paramText(params[name]).trim();

function joinDefined(parts: string[], separator: string): string {
  return parts.filter(Boolean).join(separator);
}

export function buildSummary(type: HitType, params: Params): string {
  switch (type) {
    case 'pageview':
      return p(params, 'action_name') || p(params, 'url');
    case 'event': {
      const path = joinDefined([p(params, 'e_c'), p(params, 'e_a'), p(params, 'e_n')], ' › ');
      const value = p(params, 'e_v');
      return value ? `${path} = ${value}` : path;
    }
    case 'outlink':
      return p(params, 'link');
    case 'download':
      return p(params, 'download');
    case 'site_search': {
      const count = p(params, 'search_count');
      const category = p(params, 'search_cat');
      return joinDefined(
        [`“${p(params, 'search')}”`, category && `in ${category}`, count && `${count} results`],
        ' · ',
      );
    }
    case 'goal': {
      const revenue = p(params, 'revenue');
      return joinDefined([`Goal ${p(params, 'idgoal')}`, revenue && `revenue ${revenue}`], ' · ');
    }
    case 'ecommerce_order':
    case 'ecommerce_cart': {
      let items = 0;
      try {
        const parsed: unknown = JSON.parse(p(params, 'ec_items') || '[]');
        if (Array.isArray(parsed)) items = parsed.length;
      } catch {
        items = 0;
      }
      const head = type === 'ecommerce_order' ? `Order ${p(params, 'ec_id')}` : 'Cart';
      return joinDefined(
        [head, p(params, 'revenue') && `revenue ${p(params, 'revenue')}`, `${items} items`],
        ' · ',
      );
    }
    case 'product_view':
      return joinDefined([p(params, '_pkn'), p(params, '_pks')], ' · ');
    case 'content_impression':
    case 'content_interaction':
      return joinDefined([p(params, 'c_n'), p(params, 'c_p'), p(params, 'c_i')], ' · ');
    case 'media':
      return joinDefined([p(params, 'ma_ti'), p(params, 'ma_mt'), p(params, 'ma_re')], ' · ');
    case 'crash':
      return p(params, 'cra');
    case 'ping':
      return 'Heartbeat';
    case 'unknown':
      return '';
  }
}

export function summaryOf(row: { summary: string; type: HitType; params: Params }): string {
  return row.summary || buildSummary(row.type, row.params);
}

/** GET / POST / beacon / bulk 2 of 5. */
export function transportLabel(hit: {
  transport: string;
  method: string;
  index: number;
  batchSize: number;
}): string {
  switch (hit.transport) {
    case 'bulk':
      return `bulk ${hit.index + 1} of ${hit.batchSize}`;
    case 'beacon':
      return 'beacon';
    default:
      return hit.method.toUpperCase();
  }
}
