/** People ("Pengguna", view "pengguna"): the admin's screen for adding people, their roles, units, passwords and whether they may sign in. */
import shell from '../shell/index.ts';
import './people.css';
import { PeopleView } from './peopleView.ts';

export default {
  __depends__: [shell],
  __init__: ['peopleView'],
  peopleView: ['type', PeopleView],
};
