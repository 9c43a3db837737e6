/** The frame of the app: views registry, hash router, shell (sign-in, navigation, current view). */
import core from '../core/index.ts';
import { Router } from './router.ts';
import { Shell } from './shell.ts';
import { Views } from './views.ts';
import './shell.css';

export default {
  __depends__: [core],
  views: ['type', Views],
  router: ['type', Router],
  shell: ['type', Shell],
};
