/**
 * The browser app: one didi injector over the feature modules (as bpmn-js composes its own);
 * each feature registers its view, the shell shows them. Bahasa Indonesia throughout.
 */
import { Injector } from 'didi';
import './styles.css';
import shell from './shell/index.ts';
import type { Shell } from './shell/shell.ts';
import { FEATURES } from './features.ts';
import { useOfficeZone } from './i18n/format.ts';

const injector = new Injector([shell, ...FEATURES]);
injector.init(); // didi 12 runs the modules' __init__ (each feature registering its view) only here
const root = document.getElementById('app');
// Times are shown in the office's zone (WIB, WITA or WIT), which the server says; WIB if it cannot.
const zone = fetch('/api/health').then((answer) => answer.json() as Promise<{ zone?: string }>).then((health) => { if (health.zone) useOfficeZone(health.zone); }).catch(() => {});
if (root) void zone.finally(() => injector.get<Shell>('shell').start(root));
