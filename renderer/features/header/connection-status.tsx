import { useEffect, useState } from 'react';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';

/** Live / connecting / reconnecting in N s (with "Retry now"). */
export function ConnectionStatus() {
  const connection = useAppStore((s) => s.connection);
  const { retryNow } = useServices();
  // The clock is read in the timer only; until its first tick the delay itself is shown.
  const paused = useAppStore((s) => s.paused);
  const [tick, setTick] = useState<{ retryAt: number; now: number } | null>(null);
  const retryAt = connection.status === 'reconnecting' ? connection.retryAt : null;
  const waiting = retryAt !== null;
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setTick({ retryAt, now: Date.now() }), 500);
    return () => clearInterval(timer);
  }, [retryAt]);
  let label: string;
  let tone: string;
  switch (connection.status) {
    case 'open':
      // Connected, but a paused table is not showing what arrives: not "Live" then.
      label = paused ? 'Paused (still receiving)' : 'Live';
      tone = paused ? 'pending' : 'ok';
      break;
    case 'connecting':
      label =
        connection.attempt > 1 ? `Reconnecting (attempt ${connection.attempt})…` : 'Connecting…';
      tone = 'pending';
      break;
    case 'reconnecting': {
      const left =
        tick?.retryAt === connection.retryAt ? connection.retryAt - tick.now : connection.delayMs;
      const seconds = Math.max(0, Math.ceil(left / 1000));
      label = `Disconnected — retrying in ${seconds} s`;
      tone = 'error';
      break;
    }
    case 'closed':
      label = 'Disconnected';
      tone = 'error';
      break;
  }
  return (
    <div
      className={`connection ${tone}`}
      role="status"
      data-testid="connection-status"
      data-status={connection.status}
    >
      <span className="dot" aria-hidden="true" />
      <span>{label}</span>
      {waiting ? (
        <button type="button" className="button small" onClick={retryNow}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
