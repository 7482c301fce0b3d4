// The selected hit with its decoded parameters and HTTP request (`GET /api/hits/:id`).
import { useEffect, useState } from 'react';
import type { HitDetailDto } from '../../../shared/api/types';
import { cachedHitDetail, rememberHitDetail } from '../../api/hit-detail-cache';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';
import { errorMessage } from '../../lib/error-message';

export type HitDetailState =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; detail: HitDetailDto }
  | { status: 'error'; id: string; message: string };

type Answer = { id: string; detail: HitDetailDto } | { id: string; message: string };

export function useHitDetail(id: string | null): HitDetailState {
  const { client } = useServices();
  const [answer, setAnswer] = useState<Answer | null>(null);
  // New visit rules may give the hit another visit: it is read again (the cache was cleared).
  const visitsFormed = useAppStore((s) => s.visitsFormed);
  const cached = id ? cachedHitDetail(id) : undefined;
  useEffect(() => {
    if (!id || cachedHitDetail(id)) return;
    let cancelled = false;
    client
      .hit(id)
      .then((detail) => {
        rememberHitDetail(id, detail);
        if (!cancelled) setAnswer({ id, detail });
      })
      .catch((error: unknown) => {
        if (!cancelled) {
          setAnswer({ id, message: errorMessage(error) });
        }
      });
    return () => {
      cancelled = true;
    };
  }, [id, client, visitsFormed]);
  if (!id) return { status: 'idle' };
  if (cached) return { status: 'ready', id, detail: cached };
  if (answer?.id === id) {
    return 'detail' in answer
      ? { status: 'ready', id, detail: answer.detail }
      : { status: 'error', id, message: answer.message };
  }
  return { status: 'loading', id };
}
