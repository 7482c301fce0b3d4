import type { HitDetailDto } from '../../../shared/api/types';
import { ReplayHitActions } from '../composer/replay-hit-actions';

/**
 * Actions on the inspected hit (resend, edit and resend, …). Features that act on a hit
 * add their buttons here; `detail` has the hit and the HTTP request that carried it.
 */
export function InspectorActions({ detail }: { detail: HitDetailDto }) {
  return (
    <div className="inspector-actions" data-hit-id={detail.hit.id}>
      <ReplayHitActions detail={detail} />
    </div>
  );
}
