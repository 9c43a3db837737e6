/** The view "audit" for auditors: `#/audit` finds a case, `#/audit/<caseId>` replays and steps through it. Nothing here changes a case. */
import type { Api } from '../core/api.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import type { Router } from '../shell/router.ts';
import type { Views } from '../shell/views.ts';
import { auditSearch } from './auditSearch.ts';
import { caseAudit } from './caseAudit.ts';

export class AuditView {
  static $inject = ['views', 'api', 'notices', 'router', 'session'];

  constructor(views: Views, api: Api, notices: Notices, router: Router, session: Session) {
    views.register({
      id: 'audit', title: 'Audit', order: 40, permission: 'oversee',
      mount: (container, [caseId]) => {
        if (caseId) return caseAudit(container, caseId, { api, notices, router });
        return auditSearch(container, { api, notices, router, session });
      },
    });
  }
}
