/**
 * The case's definition version on a bpmn-js NavigatedViewer (GET /api/definitions/:processId/xml
 * ?version=N): the steps open at the chosen log entry are marked, those already passed dimmed.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import translateModule from '../i18n/index.ts';
import type { StateAfter } from './stateAfter.ts';

type Viewer = InstanceType<typeof NavigatedViewer>;

interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  zoom(scale: 'fit-viewport'): number;
}
interface ElementRegistry { get(id: string): { businessObject?: { name?: string } } | undefined; getAll(): { id: string; businessObject?: { name?: string } }[] }

export const ACTIVE_MARKER = 'langkah-aktif';
export const DONE_MARKER = 'langkah-lewat';

export class CaseDiagram {
  private readonly viewer: Viewer;
  private marked: { id: string; marker: string }[] = [];

  constructor(container: HTMLElement) {
    this.viewer = new NavigatedViewer({ container, additionalModules: [translateModule] });
  }

  async open(xml: string): Promise<void> {
    await this.viewer.importXML(xml);
    this.viewer.get<Canvas>('canvas').zoom('fit-viewport');
  }

  /** Element names by id, for naming steps in the log. */
  names(): Map<string, string> {
    const names = new Map<string, string>();
    for (const element of this.viewer.get<ElementRegistry>('elementRegistry').getAll()) {
      const name = element.businessObject?.name;
      if (name && !names.has(element.id)) names.set(element.id, name);
    }
    return names;
  }

  /** Marks the open steps of one state and dims the nodes already passed. */
  show(state: StateAfter): void {
    const canvas = this.viewer.get<Canvas>('canvas');
    const registry = this.viewer.get<ElementRegistry>('elementRegistry');
    for (const { id, marker } of this.marked) canvas.removeMarker(id, marker);
    this.marked = [];
    const mark = (id: string, marker: string) => {
      if (!registry.get(id)) return; // a node of another diagram plane or a version without it
      canvas.addMarker(id, marker);
      this.marked.push({ id, marker });
    };
    for (const id of state.done) mark(id, DONE_MARKER);
    for (const { step } of state.active) mark(step, ACTIVE_MARKER);
  }

  destroy(): void { this.viewer.destroy(); }
}
