/**
 * Selects the element a problem names and scrolls it into view. Problems name BPMN ids: a
 * shape, or a sequence flow (UNCONDITIONED_FLOW, CONDITION_MISMATCH, …), which the registry
 * holds as a connection under the same id and selects alike; a process has no shape of its own
 * in a collaboration, so its pool stands for it.
 */
import type { Modeler } from './createModeler.ts';

interface Shape { id: string; businessObject: { id?: string; processRef?: { id?: string } } }
interface ElementRegistry { get(id: string): Shape | undefined; filter(fn: (element: Shape) => boolean): Shape[] }
interface Selection { select(element: Shape): void }
interface Canvas { scrollToElement(element: Shape, padding?: number): void }

/** Answers whether the element was found on the canvas. */
export function selectOnCanvas(modeler: Modeler, id: string): boolean {
  const registry = modeler.get<ElementRegistry>('elementRegistry');
  const element = registry.get(id)
    ?? registry.filter((shape) => shape.businessObject.id === id || shape.businessObject.processRef?.id === id)[0];
  if (!element) return false;
  modeler.get<Selection>('selection').select(element);
  modeler.get<Canvas>('canvas').scrollToElement(element, 80);
  return true;
}
