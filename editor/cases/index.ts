/** Cases ("Kasus"): the list with filters, starting a case, and one case's page with its history. */
import worklist from '../worklist/index.ts';
import { CasesView } from './casesView.ts';
import './cases.css';

export default {
  __depends__: [worklist],
  __init__: ['casesView'],
  casesView: ['type', CasesView],
};
