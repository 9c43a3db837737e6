/**
 * The worklist ("Daftar Kerja"): the open steps for the person's roles, and the actions on an
 * open step — claim, release, complete with data — which a case's page shares.
 */
import shell from '../shell/index.ts';
import { RouteCatalog } from './routeCatalog.ts';
import { StepActions } from './stepActions.ts';
import { WorklistView } from './worklistView.ts';
import './worklist.css';

export default {
  __depends__: [shell],
  __init__: ['worklistView'],
  routeCatalog: ['type', RouteCatalog],
  stepActions: ['type', StepActions],
  worklistView: ['type', WorklistView],
};
