/**
 * How deeply data nests. Step data, case variables and messages are plain records a person fills
 * in; 64 levels are far more than any form makes, and a bound keeps hashing, cloning and replay of
 * what is stored from ever running out of stack. Counted without recursion, so a body nested
 * thousands deep is measured as safely as a flat one.
 */

/** The deepest nesting accepted in data sent to Protap (the top-level object or array is level 1). */
export const MAX_NESTING = 64;

/** The depth of a JSON-like value, counting stops once it passes `stopAfter`. */
export function nestingDepth(value: unknown, stopAfter = MAX_NESTING): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAfter) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
