import { useEffect, useMemo, useRef, useState } from 'react';
import { visitRulesKey } from '../../../shared/visits/visit-rules';
import type { VisitDetailDto, VisitsPageDto } from '../../../shared/visits/types';
import { errorMessage } from '../../lib/error-message';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';

/** Visits listed at once; the list says when there are more. */
export const VISITS_PAGE = 200;
/** New hits change visits: refetch at most this often while hits stream in. */
const REFRESH_MS = 700;

interface Loaded<T> {
  data: T | null;
  error: string | null;
}

/** A fetch that reruns when its key changes or new hits arrive (throttled). */
function useRefreshing<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const version = useAppStore((s) => s.hits.version);
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null });
  const [tick, setTick] = useState(0);
  const seenVersion = useRef(version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    // A throttle, not a debounce: a steady stream of hits still refreshes the view.
    if (version === seenVersion.current || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      seenVersion.current = version;
      setTick((value) => value + 1);
    }, REFRESH_MS);
  }, [version]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (error: unknown) =>
        live && setState((old) => ({ data: old.data, error: errorMessage(error) })),
    );
    return () => {
      live = false;
    };
    // `load` is rebuilt each render; the key says what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return key === null ? { data: null, error: null } : state;
}

/**
 * Changes when saved settings change how visits are formed: the server forms them again
 * before it answers the save, so the views load again then.
 */
function useRulesKey(): string {
  const sites = useAppStore((s) => s.settings?.sites);
  return useMemo(() => visitRulesKey(sites ?? []), [sites]);
}

export function useVisitList(idsite: number | undefined, visitor: string): Loaded<VisitsPageDto> {
  const { client } = useServices();
  const key = `${idsite ?? ''}|${visitor}|${useRulesKey()}`;
  return useRefreshing(key, () => client.visits({ idsite, visitor }, { limit: VISITS_PAGE }));
}

export function useVisitDetail(id: string | null): Loaded<VisitDetailDto> {
  const { client } = useServices();
  const rules = useRulesKey();
  return useRefreshing(id === null ? null : `${id}|${rules}`, () => client.visit(id as string));
}
