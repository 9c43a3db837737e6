/** The app's feature modules; each registers its view (the navigation orders them by the view's `order`). */
import type { ModuleDeclaration } from 'didi';
import cases from './cases/index.ts';
import modeler from './modeler/index.ts';
import monitor from './monitor/index.ts';
import people from './people/index.ts';
import replay from './replay/index.ts';

export const FEATURES: ModuleDeclaration[] = [cases, monitor, replay, modeler, people];
