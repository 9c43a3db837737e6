/** Bahasa Indonesia: the translate service, for the app's own injector as for each bpmn-js instance. */
export { translateModule as default } from './translate.ts';
