/** The view "Kasus": the list (#/kasus), starting one (#/kasus/mulai[/<processId>]) and one case (#/kasus/<id>). */
import type { Api } from '../core/api.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import type { Router } from '../shell/router.ts';
import type { Views } from '../shell/views.ts';
import type { RouteCatalog } from '../worklist/routeCatalog.ts';
import type { StepActions } from '../worklist/stepActions.ts';
import type { CaseContext } from './caseContext.ts';
import { caseDetail } from './caseDetail.ts';
import { caseList } from './caseList.ts';
import { startCaseForm } from './startCaseForm.ts';

export class CasesView {
  static $inject = ['views', 'api', 'notices', 'router', 'session', 'stepActions', 'routeCatalog'];

  constructor(views: Views, api: Api, notices: Notices, router: Router, session: Session, stepActions: StepActions, routes: RouteCatalog) {
    const context: CaseContext = { api, notices, router, session, stepActions, routes };
    views.register({
      id: 'kasus', title: 'Kasus', order: 20,
      mount: (container, [first, second]) => {
        if (first === 'mulai') return startCaseForm(container, context, second);
        if (first) return caseDetail(container, context, first);
        return caseList(container, context);
      },
    });
  }
}
