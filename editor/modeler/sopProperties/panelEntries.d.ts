/**
 * The parts of @bpmn-io/properties-panel the SOP groups use beyond editor/modeler/vendor.d.ts
 * (the package ships no types): the collapsible entry nesting entries, e.g. a form's field, and
 * the list group of an identity list.
 */
declare module '@bpmn-io/properties-panel' {
  /** Entries under a header that opens and closes; `remove` adds a delete button. */
  export const CollapsibleEntry: unknown;
  /** A group of items (each a collapsible entry) with "+" to add one. */
  export const ListGroup: unknown;
}
