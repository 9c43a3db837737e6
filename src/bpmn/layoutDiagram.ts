/**
 * Lane-aware BPMN DI: lays out every process of a document from its semantics alone.
 *
 * bpmn-auto-layout 1.3 ignores lanes and collaborations (it draws one process plane), so SOPs —
 * whose lanes *are* the pelaksana columns of the printed table — need Protap's own. A process
 * with lanes becomes a pool of a collaboration, its lanes horizontal bands in lane order. Flow
 * nodes stand in columns by rank and in rows inside their lane (layout/place.ts; a long SOP wraps
 * into tiers so it reads at zoom 0.8 on a 1366 px screen); sequence flows get orthogonal
 * waypoints, each branch of a gateway its own line (layout/route.ts); labels go where no line
 * runs through them (layout/plane.ts). Boundary events sit on their host's bottom edge; embedded
 * sub-processes are drawn collapsed with their content on their own plane (bpmn-js drill-down).
 */
import { sopModdle } from './readBpmn.ts';
import { child, elements, type ModdleElement } from './moddleElement.ts';
import { ORIGIN, POOL_GAP, SCOPE, side, type Factory } from './layout/geometry.ts';
import { placeFlow } from './layout/place.ts';
import { Plane } from './layout/plane.ts';

/** The moddle factory and the diagrams made so far (one per pool set, one per collapsed sub-process). */
interface Layout { f: Factory; diagrams: ModdleElement[] }

function newDiagram(layout: Layout, element: ModdleElement, plane: Plane): void {
  plane.placeLabels();
  const bpmnPlane = layout.f.create('bpmndi:BPMNPlane', { id: `${element.id}_plane`, bpmnElement: element, planeElement: plane.shapes });
  layout.diagrams.push(layout.f.create('bpmndi:BPMNDiagram', { id: `${element.id}_diagram`, plane: bpmnPlane }));
}

function layoutProcess(layout: Layout, plane: Plane, container: ModdleElement, origin: { x: number; y: number }, pool?: ModdleElement) {
  return placeFlow(plane, container, origin, pool, (subProcess) => {
    const inner = new Plane(layout.f);
    layoutProcess(layout, inner, subProcess, { x: 150, y: 80 });
    newDiagram(layout, subProcess, inner);
  });
}

function placeMessageFlows(plane: Plane, collaboration: ModdleElement): void {
  for (const flow of elements(collaboration, 'messageFlows')) {
    const a = plane.boxes.get(child(flow, 'sourceRef') as ModdleElement);
    const b = plane.boxes.get(child(flow, 'targetRef') as ModdleElement);
    if (!a || !b) continue;
    const down = a.y + a.height <= b.y;
    const from = down ? side.bottom(a) : side.top(a);
    const to = down ? side.top(b) : side.bottom(b);
    const turn = (from.y + to.y) / 2;
    plane.addEdge(flow, [from, { x: from.x, y: turn }, { x: to.x, y: turn }, to]);
  }
}

/**
 * Replaces the DI of a parsed definitions element with a fresh lane-aware layout. A process with
 * lanes but no collaboration gets one (a pool exists only inside a collaboration): the only
 * semantic change it makes, and only for such a file.
 */
export function layoutDefinitions(definitions: ModdleElement): void {
  const f = sopModdle() as unknown as Factory;
  const layout: Layout = { f, diagrams: [] };
  const roots = elements(definitions, 'rootElements');
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  let collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration');
  if (!collaboration && processes.some((p) => elements(p, 'laneSets').some((s) => elements(s, 'lanes').length > 0))) {
    const participants = processes.map((p) => f.create('bpmn:Participant', { id: `Participant_${p.id}`, name: p.name, processRef: p }));
    collaboration = f.create('bpmn:Collaboration', { id: `Collaboration_${definitions.id ?? 'sop'}`, participants });
    roots.unshift(collaboration);
  }
  const pooled = new Set<ModdleElement>();
  if (collaboration) {
    const plane = new Plane(f);
    let y = ORIGIN.y;
    for (const participant of elements(collaboration, 'participants')) {
      const process = child(participant, 'processRef');
      if (process) pooled.add(process);
      const size = process
        ? layoutProcess(layout, plane, process, { x: ORIGIN.x, y }, participant)
        : (plane.addShape(participant, { x: ORIGIN.x, y, width: 600, height: 100 }, { isHorizontal: true }), { height: 100 });
      y += size.height + POOL_GAP;
    }
    placeMessageFlows(plane, collaboration);
    newDiagram(layout, collaboration, plane);
  }
  for (const process of processes) {
    if (pooled.has(process)) continue;
    const plane = new Plane(f);
    layoutProcess(layout, plane, process, { x: 150, y: 80 });
    newDiagram(layout, process, plane);
  }
  // The top-level diagrams first: editors open the first one.
  definitions.diagrams = layout.diagrams.sort((a, b) => Number(isSubProcessDiagram(a)) - Number(isSubProcessDiagram(b)));
}

function isSubProcessDiagram(diagram: ModdleElement): boolean {
  return SCOPE.test(child(child(diagram, 'plane'), 'bpmnElement')?.$type ?? '');
}

async function readDefinitions(xml: string) {
  const moddle = sopModdle();
  const { rootElement } = (await moddle.fromXML(xml)) as { rootElement: ModdleElement };
  if (rootElement?.$type !== 'bpmn:Definitions') throw new Error('Dokumen ini bukan BPMN 2.0: elemen akarnya bukan <bpmn:definitions>.');
  return { moddle, definitions: rootElement };
}

/** Reads BPMN XML and returns it with fresh lane-aware DI; throws on XML it cannot read. */
export async function layoutDiagram(xml: string): Promise<string> {
  const { moddle, definitions } = await readDefinitions(xml);
  layoutDefinitions(definitions);
  return (await moddle.toXML(definitions, { format: true })).xml;
}

const DIAGRAMS = /([ \t]*)<([\w.-]+:)?BPMNDiagram\b[\s\S]*<\/\2?BPMNDiagram>[ \t]*\r?\n?/;

/**
 * Re-lays out a BPMN file's DI and splices it into the file's own text: every byte outside the
 * `BPMNDiagram` elements — the semantics, their attributes, comments, formatting — stays as it
 * was. Refuses a document the layout would have to change semantically (lanes, no collaboration).
 */
export async function relayoutDiagramText(xml: string): Promise<string> {
  const { moddle, definitions } = await readDefinitions(xml);
  const rootsBefore = elements(definitions, 'rootElements').length;
  layoutDefinitions(definitions);
  if (elements(definitions, 'rootElements').length !== rootsBefore) {
    throw new Error('Proses berlajur tanpa <bpmn:collaboration>: tata letak ulang akan menambah kolaborasi, bukan hanya mengubah bpmndi. Tambahkan kolaborasi dulu (mis. simpan dari modeler).');
  }
  const fresh = (await moddle.toXML(definitions, { format: true })).xml;
  const drawn = DIAGRAMS.exec(fresh);
  if (!drawn) return xml;
  const block = drawn[0].replace(/\s+$/, '');
  const root = /<([\w.-]+:)?definitions\b[^>]*>/.exec(xml)?.[0] ?? '';
  const undeclared = [...new Set([...block.matchAll(/<\/?([\w.-]+):/g)].map((m) => m[1]))].filter((p) => !root.includes(`xmlns:${p}=`));
  if (undeclared.length > 0) throw new Error(`Awalan namespace ${undeclared.join(', ')} belum dideklarasikan pada <definitions>; tambahkan dulu.`);
  const eol = xml.includes('\r\n') ? '\r\n' : '\n';
  const old = DIAGRAMS.exec(xml);
  if (old) return xml.slice(0, old.index) + block.replace(/\r?\n/g, eol) + eol + xml.slice(old.index + old[0].length);
  const close = xml.lastIndexOf('</');
  return `${xml.slice(0, close).replace(/[ \t]*$/, '')}${block.replace(/\r?\n/g, eol)}${eol}${xml.slice(close)}`;
}
