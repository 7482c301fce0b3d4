import { useAppStore } from '../../store/store-context';

/** idsite, with the site's name when a site profile describes it. */
export function SiteCell({ idsite }: { idsite: number | null }) {
  const name = useAppStore(
    (s) => s.settings?.sites.find((site) => site.idsite === idsite)?.name ?? null,
  );
  if (idsite === null) return <span className="faint">—</span>;
  return <span title={name ?? undefined}>{idsite}</span>;
}
