/** Dispatches a flow node to the compiler of its BPMN family. */
import { compileActivity } from './activities.ts';
import { label, report, type CompileContext, type ScopeFrame } from './compileContext.ts';
import { compileEvent } from './events.ts';
import { compileGateway } from './gateways.ts';
import type { StateConfig } from './machineConfig.ts';
import type { FlowNode } from '../model/processModel.ts';

const UNSUPPORTED: Record<string, string> = {
  complexGateway: 'complex gateway tidak didukung; nyatakan aturannya dengan exclusive/inclusive gateway',
  transaction: 'transaction (dengan kompensasi dan pembatalan) tidak didukung; gunakan subproses biasa dengan error boundary',
  adHocSubProcess: 'subproses ad-hoc tidak didukung; urutkan langkahnya dalam subproses biasa',
};

/** Compiles one flow node into its state config (without `id`, which the caller adds). */
export function compileNode(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig | undefined {
  const unsupported = UNSUPPORTED[node.type];
  if (unsupported) {
    report(ctx, node, 'UNSUPPORTED_ELEMENT', `${label(node)}: ${unsupported}.`);
    return undefined;
  }
  if (node.type.endsWith('Gateway')) return compileGateway(ctx, node, frame);
  if (node.type.endsWith('Event')) return compileEvent(ctx, node, frame);
  if (node.type.endsWith('Task') || node.type === 'task' || node.type === 'callActivity' || node.type === 'subProcess') {
    if (node.triggeredByEvent) {
      report(ctx, node, 'UNSUPPORTED_ELEMENT', `Subproses event ${label(node)} belum didukung; gunakan boundary event pada langkah atau subproses.`);
      return undefined;
    }
    return compileActivity(ctx, node, frame);
  }
  report(ctx, node, 'UNSUPPORTED_ELEMENT', `Elemen ${label(node)} bertipe ${node.type} tidak didukung.`);
  return undefined;
}

/** Reports a node with several outgoing flows that is not a gateway (an implicit split). */
export function checkSingleOutgoing(ctx: CompileContext, node: FlowNode): boolean {
  if (node.outgoing.length <= 1) return true;
  const conditional = node.outgoing.some((id) => ctx.model.flows.get(id)?.condition);
  report(ctx, node, 'IMPLICIT_SPLIT', `${label(node)} punya ${node.outgoing.length} alur keluar${conditional ? ' bersyarat' : ''} tanpa gateway. Tambahkan ${conditional ? 'exclusive atau inclusive' : 'parallel'} gateway setelahnya agar percabangannya jelas.`);
  return false;
}
