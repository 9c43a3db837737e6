/** The app's feature modules; each registers its view (the navigation orders them by the view's `order`). */
import type { ModuleDeclaration } from 'didi';

export const FEATURES: ModuleDeclaration[] = [];
