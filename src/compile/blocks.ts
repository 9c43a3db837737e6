/**
 * Block structure of a process: every parallel or inclusive split must close at one matching
 * join, its branches disjoint and entered only through the split. XState regions can run such
 * blocks faithfully (one region per branch, the join is the parallel state's onDone); anything
 * else is reported, naming the elements, instead of being run wrongly.
 */
import type { FlowNode, ProcessModel } from '../model/processModel.ts';
import { bpmnType, problem, type Problem } from '../model/problem.ts';

export interface Branch {
  flow: string;
  /** The first node of the branch, or the join itself when the branch is empty. */
  entry: string;
  nodes: Set<string>;
}

export interface Block {
  split: string;
  join: string;
  branches: Branch[];
}

export interface Structure {
  blocks: Map<string, Block>;
  /** The innermost block and branch each node belongs to (absent: the scope's top level). */
  owner: Map<string, { split: string; branch: number }>;
}

const FORKING = new Set(['parallelGateway', 'inclusiveGateway']);

/** True for a gateway that forks tokens (parallel or inclusive with several outgoing flows). */
export function isSplit(node: FlowNode): boolean {
  return FORKING.has(node.type) && node.outgoing.length > 1;
}

/** Successors of a node for token flow: flow targets and interrupting boundary events. */
export function successors(model: ProcessModel, node: FlowNode): string[] {
  const next = node.outgoing.map((id) => model.flows.get(id)?.target ?? '');
  for (const boundaryId of node.boundaries) {
    const boundary = model.nodes.get(boundaryId);
    if (boundary && boundary.cancelActivity !== false) next.push(boundaryId);
  }
  return next.filter((id) => model.nodes.has(id));
}

/** Predecessors of a node: flow sources, or the host activity of a boundary event. */
export function predecessors(model: ProcessModel, node: FlowNode): string[] {
  if (node.attachedTo) return [node.attachedTo];
  return node.incoming.map((id) => model.flows.get(id)?.source ?? '').filter((id) => model.nodes.has(id));
}

function distances(model: ProcessModel, start: string, stops: Set<string>): Map<string, number> {
  const seen = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (stops.has(id)) continue;
    const node = model.nodes.get(id);
    if (!node) continue;
    for (const next of successors(model, node)) {
      if (!seen.has(next)) {
        seen.set(next, (seen.get(id) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  return seen;
}

const label = (node: FlowNode) => (node.name ? `"${node.name}" (${node.id})` : node.id);

/** Finds the block of every split in the process, reporting splits that do not close cleanly. */
export function analyzeStructure(model: ProcessModel, problems: Problem[]): Structure {
  const blocks = new Map<string, Block>();
  const joins = new Set<string>();
  for (const split of model.nodes.values()) {
    if (!isSplit(split)) continue;
    const block = findBlock(model, split, problems);
    if (block) {
      blocks.set(split.id, block);
      joins.add(block.join);
    }
  }
  for (const node of model.nodes.values()) {
    if (FORKING.has(node.type) && node.incoming.length > 1 && !joins.has(node.id)) {
      problems.push(problem('UNMATCHED_JOIN', node.id, bpmnType(node.type),
        `Gateway ${label(node)} menggabungkan ${node.incoming.length} alur yang tidak berasal dari satu percabangan ${node.type === 'parallelGateway' ? 'paralel' : 'inklusif'} yang sepadan. Mulailah cabang-cabang itu dari satu gateway pemecah yang sejenis, atau gunakan exclusive gateway untuk menggabungkan alur alternatif.`));
    }
  }
  const owner = new Map<string, { split: string; branch: number }>();
  const size = (split: string) => blocks.get(split)?.branches.reduce((n, b) => n + b.nodes.size, 0) ?? 0;
  for (const block of blocks.values()) {
    block.branches.forEach((branch, index) => {
      for (const id of branch.nodes) {
        const current = owner.get(id);
        if (!current || size(current.split) > size(block.split)) owner.set(id, { split: block.split, branch: index });
      }
    });
  }
  return { blocks, owner };
}

function findBlock(model: ProcessModel, split: FlowNode, problems: Problem[]): Block | undefined {
  const type = bpmnType(split.type);
  const entries = split.outgoing.map((id) => ({ flow: id, entry: model.flows.get(id)?.target ?? '' }));
  const reach = entries.map(({ entry }) => distances(model, entry, new Set([split.id])));
  let join: string | undefined;
  let best = Infinity;
  for (const id of (reach[0] ?? new Map<string, number>()).keys()) {
    const node = model.nodes.get(id);
    if (!node || node.type !== split.type || node.incoming.length < 2) continue;
    if (!reach.every((r) => r.has(id))) continue;
    const total = reach.reduce((sum, r) => sum + (r.get(id) ?? 0), 0);
    if (total < best) { best = total; join = id; }
  }
  if (!join) {
    problems.push(problem('UNJOINED_SPLIT', split.id, type,
      `Cabang-cabang dari gateway ${label(split)} tidak bergabung kembali pada satu gateway ${split.type === 'parallelGateway' ? 'paralel' : 'inklusif'} yang sepadan. Tambahkan gateway penggabung sejenis tempat semua cabang bertemu.`));
    return undefined;
  }
  const joinNode = model.nodes.get(join) as FlowNode;
  const branches: Branch[] = entries.map(({ flow, entry }) => ({
    flow, entry,
    nodes: entry === join ? new Set<string>() : new Set(distances(model, entry, new Set([join, split.id])).keys()),
  }));
  let sound = true;
  const fail = (code: string, node: FlowNode, message: string) => {
    sound = false;
    problems.push(problem(code, node.id, bpmnType(node.type), message));
  };
  branches.forEach((branch) => branch.nodes.delete(join as string));
  branches.forEach((branch, i) => {
    for (const id of branch.nodes) {
      const node = model.nodes.get(id) as FlowNode;
      if (id === split.id) {
        fail('BRANCH_LEAVES_BLOCK', split, `Sebuah cabang dari gateway ${label(split)} kembali ke gateway itu sendiri sebelum bergabung di ${label(joinNode)}. Pindahkan perulangan ke dalam cabang atau ke luar blok.`);
        continue;
      }
      for (let j = i + 1; j < branches.length; j++) {
        if (branches[j]?.nodes.has(id)) fail('BRANCHES_CROSS', node, `Langkah ${label(node)} dicapai dari dua cabang gateway ${label(split)}; cabang paralel harus terpisah sampai gateway penggabung ${label(joinNode)}.`);
      }
      const escapes = node.type === 'endEvent' && node.eventDefinitions.some((d) => d.kind === 'error' || d.kind === 'terminate');
      if (!escapes && successors(model, node).length === 0) {
        fail('BRANCH_ENDS', node, `Cabang dari gateway ${label(split)} berakhir di ${label(node)} tanpa bergabung di ${label(joinNode)}; gateway penggabung akan menunggu selamanya. Sambungkan cabang ke gateway penggabung.`);
      }
      for (const pred of predecessors(model, node)) {
        if (pred !== split.id && !branch.nodes.has(pred)) {
          fail('BRANCH_LEAVES_BLOCK', node, `Langkah ${label(node)} di dalam cabang gateway ${label(split)} juga dicapai dari luar cabang itu (${pred}). Alur hanya boleh masuk ke cabang lewat gateway pemecah.`);
        }
      }
    }
  });
  const inside = new Set<string>([split.id, ...branches.flatMap((b) => [...b.nodes])]);
  for (const pred of predecessors(model, joinNode)) {
    if (!inside.has(pred)) fail('BRANCH_LEAVES_BLOCK', joinNode, `Gateway penggabung ${label(joinNode)} juga menerima alur dari ${pred}, yang bukan bagian dari percabangan ${label(split)}.`);
  }
  if (split.type === 'parallelGateway' && joinNode.incoming.length !== branches.length) {
    fail('JOIN_MISMATCH', joinNode, `Gateway paralel ${label(joinNode)} menunggu ${joinNode.incoming.length} alur masuk, padahal gateway ${label(split)} membuka ${branches.length} cabang; token yang kurang akan membuatnya menunggu selamanya. Samakan jumlah cabang, atau gabungkan alternatif di dalam cabang dengan exclusive gateway dahulu.`);
  }
  return sound ? { split: split.id, join, branches } : undefined;
}
