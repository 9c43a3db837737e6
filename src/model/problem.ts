/**
 * A problem found in a diagram. Problems are collected, never thrown one at a time,
 * so an analyst sees every problem of a file at once.
 */
export interface Problem {
  /** Stable code, e.g. `UNJOINED_SPLIT`. */
  code: string;
  /** The id of the element at fault (a process, flow node or sequence flow). */
  id: string;
  /** Its BPMN type, e.g. `bpmn:ParallelGateway`. */
  type: string;
  /** What is wrong and what to do, in Bahasa Indonesia. */
  message: string;
}

/** Creates a problem record. */
export function problem(code: string, id: string, type: string, message: string): Problem {
  return { code, id, type, message };
}

/** The `bpmn:Type` name of a model element type such as `userTask`. */
export function bpmnType(type: string): string {
  return `bpmn:${type.charAt(0).toUpperCase()}${type.slice(1)}`;
}
