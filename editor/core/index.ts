/** Services every feature uses: the session, the API client, notices. */
import { Api } from './api.ts';
import { Notices } from './notices.ts';
import { Session } from './session.ts';

export default {
  session: ['type', Session],
  api: ['type', Api],
  notices: ['type', Notices],
};
