/**
 * The plain notice a desk shows while the office server does not answer. What the user typed stays
 * on screen: the pending call keeps retrying with the same key and resolves once the server is back.
 */
import { useEffect } from 'react';

import { messageFor } from '../../shared/contract/errors';
import { reportReachable, useReachability } from '../state/reachability';

export function ServerUnreachableBanner() {
  const reachable = useReachability((s) => s.reachable);
  useEffect(() => window.loketHost?.onReachability(reportReachable), []);
  if (reachable) return null;
  return (
    <div className="training-banner problem" role="alert" data-testid="server-unreachable">
      {messageFor('SERVER_UNREACHABLE')}
    </div>
  );
}
