/** The services the case screens share, handed from the view to each screen. */
import type { Api } from '../core/api.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import type { Router } from '../shell/router.ts';
import type { RouteCatalog } from '../worklist/routeCatalog.ts';
import type { StepActions } from '../worklist/stepActions.ts';

export interface CaseContext {
  api: Api;
  notices: Notices;
  router: Router;
  session: Session;
  stepActions: StepActions;
  routes: RouteCatalog;
}

/** The class of a status badge. */
export function statusClass(status: string): string {
  return status === 'completed' ? 'lencana selesai' : status === 'failed' || status === 'incident' ? 'lencana rusak' : 'lencana';
}
