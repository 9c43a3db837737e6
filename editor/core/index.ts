/** Services every feature uses: the session, the API client, notices, people's names. */
import { Api } from './api.ts';
import { Notices } from './notices.ts';
import { PeopleDirectory } from './people.ts';
import { Session } from './session.ts';

export default {
  __init__: ['people'],
  session: ['type', Session],
  api: ['type', Api],
  notices: ['type', Notices],
  people: ['type', PeopleDirectory],
};
