// One line naming a composed request in the history and the bulk list: its kind and the
// values that tell it apart (event path, page title, link, order id, …).
import { HIT_TEMPLATES, templateForParams } from '../../shared/matomo/templates';
import type { ParamPair } from './query-codec';

const MAX = 120;

export function summarizePairs(pairs: readonly ParamPair[]): string {
  const p: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs) p[pair.name] = pair.value;
  const kind = templateForParams(p);
  const join = (...names: string[]) =>
    names
      .map((n) => p[n])
      .filter((v) => v !== undefined && v !== '')
      .join(' › ');
  const detail: Record<string, string> = {
    pageview: p.action_name || p.url || '',
    event: join('e_c', 'e_a', 'e_n') + (p.e_v ? ` = ${p.e_v}` : ''),
    site_search: p.search ?? '',
    outlink: p.link ?? '',
    download: p.download ?? '',
    goal: `goal ${p.idgoal ?? ''}${p.revenue ? `, revenue ${p.revenue}` : ''}`,
    ecommerce_order: `${p.ec_id ?? ''}${p.revenue ? `, revenue ${p.revenue}` : ''}`,
    ecommerce_cart: p.revenue ? `revenue ${p.revenue}` : '',
    product_view: join('_pks', '_pkn'),
    content_impression: join('c_n', 'c_p'),
    content_interaction: join('c_i', 'c_n'),
    ping: p.url ?? '',
    blank:
      pairs.length === 0
        ? 'no parameters'
        : pairs
            .map((x) => x.name)
            .slice(0, 6)
            .join(', '),
  };
  const site = p.idsite ? ` (site ${p.idsite})` : '';
  const text = `${HIT_TEMPLATES[kind].label}${detail[kind] ? `: ${detail[kind]}` : ''}${site}`;
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
