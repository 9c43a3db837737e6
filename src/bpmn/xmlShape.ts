/**
 * How many elements an XML text holds and how deeply they nest, counted in one pass over the text
 * before any parser sees it (issue 18, point 6): a document of tens of thousands of tasks, or one
 * nested a hundred thousand deep, is refused in milliseconds instead of holding the server for a
 * minute. Comments, CDATA, processing instructions and quoted attribute values are stepped over.
 */

/** The most elements a BPMN document may hold: 8× the largest file of the public corpus. */
export const MAX_ELEMENTS = 20_000;
/** The deepest nesting: BPMN diagrams with subprocesses and forms stay far below. */
export const MAX_DEPTH = 100;

export interface XmlShape { elements: number; depth: number }

/** Counts elements and depth; stops early once either passes its limit. */
export function xmlShape(xml: string, limits = { elements: MAX_ELEMENTS, depth: MAX_DEPTH }): XmlShape {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let at = xml.indexOf('<');
  while (at !== -1 && at < xml.length) {
    const next = xml[at + 1];
    if (xml.startsWith('<!--', at)) at = skipTo(xml, '-->', at);
    else if (xml.startsWith('<![CDATA[', at)) at = skipTo(xml, ']]>', at);
    else if (next === '?' || next === '!') at = skipTo(xml, '>', at);
    else if (next === '/') {
      depth = Math.max(0, depth - 1);
      at = skipTo(xml, '>', at);
    } else {
      const end = tagEnd(xml, at);
      elements++;
      if (xml[end - 1] !== '/') deepest = Math.max(deepest, ++depth);
      if (elements > limits.elements || deepest > limits.depth) return { elements, depth: deepest };
      at = end + 1;
    }
    at = at === -1 ? -1 : xml.indexOf('<', at);
  }
  return { elements, depth: deepest };
}

/** The index just past `marker` after `from`, or -1 when the text ends first. */
function skipTo(xml: string, marker: string, from: number): number {
  const found = xml.indexOf(marker, from);
  return found === -1 ? -1 : found + marker.length;
}

/** The index of the `>` that closes the start tag at `from`, quoted values stepped over. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) { if (ch === quote) quote = ''; } else if (ch === '"' || ch === "'") quote = ch; else if (ch === '>') return i;
  }
  return xml.length;
}
