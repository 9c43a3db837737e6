/**
 * The browser app: one didi injector over the feature modules (as bpmn-js composes its own);
 * each feature registers its view, the shell shows them. Bahasa Indonesia throughout.
 */
import { Injector } from 'didi';
import './styles.css';
import shell from './shell/index.ts';
import type { Shell } from './shell/shell.ts';
import { FEATURES } from './features.ts';

const injector = new Injector([shell, ...FEATURES]);
injector.init(); // didi 12 runs the modules' __init__ (each feature registering its view) only here
const root = document.getElementById('app');
if (root) injector.get<Shell>('shell').start(root);
