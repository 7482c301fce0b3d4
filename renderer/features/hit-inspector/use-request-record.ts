// The full record of a request (`GET /api/requests/:id`): body, headers, answer, error.
import { useEffect, useState } from 'react';
import type { RequestRecordDto } from '../../../shared/api/types';
import { errorMessage } from '../../lib/error-message';
import { useServices } from '../../services-context';

export type RequestRecordState =
  | { status: 'loading' }
  | { status: 'ready'; request: RequestRecordDto }
  | { status: 'error'; message: string };

type Answer = { id: string; request: RequestRecordDto } | { id: string; message: string };

export function useRequestRecord(id: string): RequestRecordState {
  const { client } = useServices();
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    let cancelled = false;
    client
      .requestRecord(id)
      .then((request) => {
        if (!cancelled) setAnswer({ id, request });
      })
      .catch((error: unknown) => {
        if (!cancelled) setAnswer({ id, message: errorMessage(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [id, client]);
  if (answer?.id !== id) return { status: 'loading' };
  return 'request' in answer
    ? { status: 'ready', request: answer.request }
    : { status: 'error', message: answer.message };
}
