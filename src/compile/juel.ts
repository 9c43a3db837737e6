/**
 * A small interpreter for the JUEL-style `${…}` conditions written for Camunda 7, over jsep's
 * parse tree: literals, variables, property access on plain data, `! - not empty`, arithmetic,
 * comparisons (also `eq ne lt gt le ge`), `&& || and or`, and `?:`. No calls, no prototypes.
 */
import jsep from 'jsep';

type Node = jsep.Expression;

const WORD_OPERATORS: Record<string, string> = { and: '&&', or: '||', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', not: '!' };

function normalize(source: string): string {
  // JUEL spells some operators as words; jsep knows only their symbols.
  return source.replace(/\b(and|or|eq|ne|lt|gt|le|ge|not)\b/g, (word) => ` ${WORD_OPERATORS[word] ?? word} `)
    .replace(/\bempty\s+([A-Za-z_$][\w$.]*)/g, '__empty($1)');
}

const cache = new Map<string, Node>();

function parse(source: string): Node {
  let node = cache.get(source);
  if (!node) {
    node = jsep(normalize(source));
    cache.set(source, node);
  }
  return node;
}

/** Checks the syntax of a JUEL-style expression. */
export function parseJuel(source: string): { ok: true } | { ok: false; message: string } {
  try {
    const node = parse(source);
    check(node);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `ekspresi \${${source}} tidak dapat dibaca: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The variables a JUEL-style expression reads (the roots of property paths). */
export function juelVariables(source: string): string[] {
  const names = new Set<string>();
  const walk = (node: Node | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Identifier': {
        const name = (node as jsep.Identifier).name;
        if (!['true', 'false', 'null', 'empty'].includes(name)) names.add(name);
        return;
      }
      case 'MemberExpression': walk(node.object as Node); if (node.computed) walk(node.property as Node); return;
      case 'UnaryExpression': walk(node.argument as Node); return;
      case 'BinaryExpression': walk(node.left as Node); walk(node.right as Node); return;
      case 'ConditionalExpression': walk(node.test as Node); walk(node.consequent as Node); walk(node.alternate as Node); return;
      case 'CallExpression': for (const arg of node.arguments as Node[]) walk(arg); return;
      default: return;
    }
  };
  try {
    walk(parse(source));
  } catch {
    // An unreadable expression is reported by readExpression; it reads nothing.
  }
  return [...names];
}

function check(node: Node): void {
  switch (node.type) {
    case 'Literal': case 'Identifier': case 'ThisExpression': return;
    case 'MemberExpression': check(node.object as Node); if (node.computed) check(node.property as Node); return;
    case 'UnaryExpression': check(node.argument as Node); return;
    case 'BinaryExpression': check(node.left as Node); check(node.right as Node); return;
    case 'ConditionalExpression': check(node.test as Node); check(node.consequent as Node); check(node.alternate as Node); return;
    case 'CallExpression':
      if ((node.callee as Node).type === 'Identifier' && (node.callee as jsep.Identifier).name === '__empty') return;
      throw new Error('pemanggilan fungsi tidak diizinkan');
    default: throw new Error(`bentuk "${node.type}" tidak didukung`);
  }
}

function own(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function run(node: Node, vars: Record<string, unknown>): unknown {
  switch (node.type) {
    case 'Literal': return (node as jsep.Literal).value;
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      if (name === 'true') return true;
      if (name === 'false') return false;
      if (name === 'null') return null;
      return own(vars, name);
    }
    case 'MemberExpression': {
      const object = run(node.object as Node, vars);
      const key = node.computed ? run(node.property as Node, vars) : (node.property as jsep.Identifier).name;
      return own(object, String(key));
    }
    case 'UnaryExpression': {
      const value = run(node.argument as Node, vars);
      if (node.operator === '!') return !value;
      if (node.operator === '-') return -Number(value);
      return +Number(value);
    }
    case 'BinaryExpression': return binary(node.operator as string, node.left as Node, node.right as Node, vars);
    case 'ConditionalExpression': return run(node.test as Node, vars) ? run(node.consequent as Node, vars) : run(node.alternate as Node, vars);
    case 'CallExpression': return isEmpty(run((node.arguments as Node[])[0] as Node, vars));
    default: throw new Error(`bentuk "${node.type}" tidak didukung`);
  }
}

function binary(operator: string, leftNode: Node, rightNode: Node, vars: Record<string, unknown>): unknown {
  if (operator === '&&') return Boolean(run(leftNode, vars)) && Boolean(run(rightNode, vars));
  if (operator === '||') return Boolean(run(leftNode, vars)) || Boolean(run(rightNode, vars));
  const left = run(leftNode, vars) as never;
  const right = run(rightNode, vars) as never;
  switch (operator) {
    case '==': case '===': return left === right;
    case '!=': case '!==': return left !== right;
    case '<': return left < right;
    case '>': return left > right;
    case '<=': return left <= right;
    case '>=': return left >= right;
    case '+': return (left as number) + (right as number);
    case '-': return (left as number) - (right as number);
    case '*': return (left as number) * (right as number);
    case '/': return (left as number) / (right as number);
    case '%': return (left as number) % (right as number);
    default: throw new Error(`operator "${operator}" tidak didukung`);
  }
}

/** Evaluates a JUEL-style expression over case variables. */
export function evaluateJuel(source: string, vars: Record<string, unknown>): unknown {
  return run(parse(source), vars);
}
