/**
 * Who may start an SOP and who may send the messages its cases wait for (issue 18, point 7), read
 * from the SOP itself: the lanes its start events and message catchers stand in. A catcher in an
 * outside party's lane (`sop:eksternal`: a Pengadilan Tinggi's putusan arriving) or in no lane is
 * recorded by any of the SOP's own pelaksana; an SOP without pelaksana lanes is open to anyone who
 * acts. `sop:dimulaiOleh` on the process overrides the start rule: a list of roles, or `semua` for
 * a public intake (a PTSP desk where whoever is on duty registers).
 */
import type { FlowNode, Lane, ProcessModel } from '../model/processModel.ts';

/** Roles, or `semua`: anyone who may act on cases. */
export type Allowed = string[] | 'semua';

export interface SopRights {
  /** Who may start a case of the SOP. */
  start: Allowed;
  /** Who may send each message the SOP's cases wait for, by message name. */
  messages: Record<string, Allowed>;
  /** The pelaksana roles of the SOP's own (not outside) lanes. */
  lanes: string[];
  /** The nodes that wait for each message (receive tasks and catch events), by message name: what the office records. */
  catchers: Record<string, string[]>;
}

/** The role a lane's steps need: `sop:pelaksana`, else the lane's name (as step completion reads it). */
function laneRole(lane: Lane): string | undefined {
  return lane.external ? undefined : lane.pelaksana ?? lane.name;
}

export function sopRights(model: ProcessModel, messageOf: (node: FlowNode) => string): SopRights {
  const lanes = [...new Set(model.lanes.map(laneRole).filter((role): role is string => Boolean(role)))];
  const allowed = (nodes: FlowNode[]): Allowed => {
    const roles = new Set<string>();
    for (const node of nodes) {
      const own = node.lane && laneRole(node.lane);
      for (const role of own ? [own] : lanes) roles.add(role);
    }
    return roles.size > 0 ? [...roles].sort() : 'semua';
  };
  const starts: FlowNode[] = [];
  const catchers = new Map<string, FlowNode[]>();
  for (const node of model.nodes.values()) {
    if (node.type === 'startEvent') {
      if (node.scope === model.id) starts.push(node);
      continue;
    }
    if (node.type !== 'receiveTask' && !node.eventDefinitions.some((d) => d.kind === 'message')) continue;
    if (node.type === 'intermediateThrowEvent' || node.type === 'endEvent') continue;
    const name = messageOf(node);
    catchers.set(name, [...(catchers.get(name) ?? []), node]);
  }
  const messages: Record<string, Allowed> = {};
  for (const [name, nodes] of catchers) messages[name] = allowed(nodes);
  return {
    start: model.dimulaiOleh ?? allowed(starts), messages, lanes: lanes.sort(),
    catchers: Object.fromEntries([...catchers].map(([name, nodes]) => [name, nodes.map((n) => n.id)])),
  };
}
