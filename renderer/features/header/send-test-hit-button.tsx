import { useState } from 'react';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';
import { errorMessage } from '../../lib/error-message';

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

export function SendTestHitButton() {
  const { client } = useServices();
  const notify = useAppStore((s) => s.notify);
  const idsite = useAppStore((s) => s.settings?.sites[0]?.idsite ?? 1);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const answer = await client.send({
        target: 'self',
        method: 'GET',
        path: '/matomo.php',
        query: testHitQuery(idsite),
      });
      notify(`Test hit sent: the tracker answered ${answer.status}.`);
    } catch (error) {
      notify(`Test hit failed: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" onClick={() => void send()} disabled={busy}>
      Send a test hit
    </button>
  );
}
