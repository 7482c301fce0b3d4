import { useState } from 'react';
import type { RegenerateOptions } from '../../../shared/matomo/volatile';
import type { ReplayOptions } from './use-replay';

export interface ReplayForm {
  target: string;
  regenerate: RegenerateOptions;
  busy: boolean;
  setTarget(target: string): void;
  setRegenerate(regenerate: RegenerateOptions): void;
  /** Runs one resend with the chosen options; busy while it runs. */
  submit(send: (options: ReplayOptions) => Promise<void>): Promise<void>;
}

/**
 * The options of a resend popover, kept by the owner of its toggle so they survive closing
 * and opening the popover again.
 */
export function useReplayForm(initialRegenerate: RegenerateOptions): ReplayForm {
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState('self');
  const [regenerate, setRegenerate] = useState<RegenerateOptions>(initialRegenerate);
  const submit = async (send: (options: ReplayOptions) => Promise<void>) => {
    setBusy(true);
    try {
      await send({ target, regenerate });
    } finally {
      setBusy(false);
    }
  };
  return { target, regenerate, busy, setTarget, setRegenerate, submit };
}
