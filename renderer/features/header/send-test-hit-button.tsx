import { useState } from 'react';
import { useServices } from '../../services-context';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { summarizePairs } from '../../requests/summary';
import { sendAndRecord } from '../../requests/history-api';
import { describeSend, sentOutcomes } from '../../requests/send-verdict';

/** A recorded page view for the first configured site (or site 1). */
export function testHitQuery(idsite: number, now = Date.now()): string {
  return new URLSearchParams({
    idsite: String(idsite),
    rec: '1',
    action_name: 'Hitscope test hit',
    url: 'https://hitscope.test/test-hit',
    _id: '0123456789abcdef',
    r: String(now % 1_000_000).padStart(6, '0'),
    send_image: '0',
  }).toString();
}

/**
 * Sends a test page view to this Hitscope. It goes through the same path as a composer send,
 * so it is kept in the send history and can be reopened from there.
 */
export function SendTestHitButton() {
  const { client } = useServices();
  const store = useAppStoreApi();
  const idsite = useAppStore((s) => s.settings?.sites[0]?.idsite ?? 1);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (busy) return;
    setBusy(true);
    // The notice of an earlier send must not stand for this one.
    store.getState().dismissToast();
    try {
      const query = testHitQuery(idsite);
      const pairs = [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
      const outcome = await sendAndRecord(
        client,
        store,
        { target: 'self', method: 'GET', path: '/matomo.php', query },
        { kind: 'single', origin: 'composer', summary: summarizePairs(pairs) },
      );
      const { notify } = store.getState();
      if (!outcome.response) notify(`Test hit failed: ${outcome.error ?? 'no answer'}`, 'error');
      // Otherwise a failure to keep it in the history has been said already: not hidden here.
      else if (outcome.history) {
        const counts = await sentOutcomes(client, outcome.response);
        notify(`Test hit sent: ${describeSend(outcome.response, null, counts)}.`);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button"
      aria-label="Send a test hit"
      onClick={() => void send()}
      // Not `disabled`: the browser would drop a disabled button's focus to the page body.
      aria-disabled={busy}
    >
      {/* A small window shows the short label, leaving the room to the counts. */}
      <span className="test-hit-long">Send a test hit</span>
      <span className="test-hit-short">Test hit</span>
    </button>
  );
}
