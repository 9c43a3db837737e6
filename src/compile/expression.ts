/**
 * Conditions on sequence flows and multi-instance settings, in a safe expression language.
 * FEEL (the BPMN/DMN standard, interpreted by feelin) is the default; `${…}` / `#{…}` JUEL-style
 * expressions of Camunda 7 diagrams are read with jsep and interpreted by `evaluateJuel`.
 * Diagram text is never handed to `eval` or `new Function`.
 */
import { evaluate, parseExpression } from 'feelin';
import { evaluateJuel, juelVariables, parseJuel } from './juel.ts';

export type ExpressionDialect = 'feel' | 'juel';

export interface CompiledExpression {
  dialect: ExpressionDialect;
  /** The expression without its dialect markers (`=`, `${ }`). */
  source: string;
}

export type ExpressionResult = { ok: true; expression: CompiledExpression } | { ok: false; message: string };

const JUEL = /^\s*[$#]\{([\s\S]*)\}\s*$/;

/** Reads an expression as written in a diagram, checking its syntax. */
export function readExpression(body: string, language?: string): ExpressionResult {
  const juel = JUEL.exec(body);
  if (juel) {
    const source = juel[1] ?? '';
    const parsed = parseJuel(source);
    return parsed.ok ? { ok: true, expression: { dialect: 'juel', source } } : { ok: false, message: parsed.message };
  }
  if (language && !/feel/i.test(language) && !/xpath/i.test(language)) {
    return { ok: false, message: `bahasa ekspresi "${language}" tidak didukung; tulis kondisi dalam FEEL, mis. status = "lengkap"` };
  }
  const source = body.trim().replace(/^=/, '').trim();
  if (source === '') return { ok: false, message: 'ekspresi kosong' };
  let broken = false;
  try {
    parseExpression(source, {}, undefined).iterate({
      enter(node) {
        if (node.type.isError) broken = true;
        // feelin reads `a == b` as `a = (= b)`, which is always null: a typo that would never hold.
        if (node.type.name === 'SimplePositiveUnaryTest' && node.node.prevSibling?.type.name === 'CompareOp') broken = true;
      },
    });
  } catch {
    broken = true;
  }
  if (broken) {
    const hint = /=\s*=/.test(source) ? ' (FEEL membandingkan dengan satu tanda =, bukan ==)'
      : language && /xpath/i.test(language) ? ' (ekspresi XPath tidak didukung)' : '';
    return { ok: false, message: `ekspresi "${source}" tidak dapat dibaca sebagai FEEL${hint}; contoh yang benar: lengkap = true` };
  }
  return { ok: true, expression: { dialect: 'feel', source } };
}

/**
 * A FEEL comparison of one variable with a literal (`berkasLengkap = true`, `upaya = "pk"`,
 * `jumlah = 3`): what every stated decision derives. feelin parses the text on each evaluation
 * (about 20 µs here); these compare directly, with FEEL's meaning: equal type and value, and a
 * missing variable is not equal. Anything else goes to feelin.
 */
const PLAIN = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(true|false|"[^"\\]*"|-?\d+(?:\.\d+)?)$/;
const plain = new Map<string, ((vars: Record<string, unknown>) => boolean) | null>();

function plainComparison(source: string): ((vars: Record<string, unknown>) => boolean) | null {
  let compare = plain.get(source);
  if (compare === undefined) {
    const m = PLAIN.exec(source);
    if (m && !['true', 'false', 'null'].includes(m[1] as string)) {
      const name = m[1] as string;
      const literal = JSON.parse(m[2] as string) as unknown;
      compare = (vars) => Object.prototype.hasOwnProperty.call(vars, name) && vars[name] === literal;
    } else compare = null;
    plain.set(source, compare);
  }
  return compare;
}

/** Evaluates an expression over the case variables; throws when evaluation fails. */
export function evaluateExpression(expression: CompiledExpression, vars: Record<string, unknown>): unknown {
  if (expression.dialect === 'juel') return evaluateJuel(expression.source, vars);
  const compare = plainComparison(expression.source);
  if (compare) return compare(vars);
  return evaluate(expression.source, vars).value;
}

/** Evaluates a condition: true only for a boolean true (FEEL null and missing variables are false). */
export function evaluateCondition(expression: CompiledExpression, vars: Record<string, unknown>): boolean {
  return evaluateExpression(expression, vars) === true;
}

/** The variables an expression reads: the names at the root of its paths, not function names. */
export function expressionVariables(expression: CompiledExpression): string[] {
  if (expression.dialect === 'juel') return juelVariables(expression.source);
  const names = new Set<string>();
  const source = expression.source;
  parseExpression(source, {}, undefined).iterate({
    enter(node) {
      if (node.type.name !== 'VariableName') return;
      if (node.node.parent?.type.name === 'FunctionInvocation' && node.node.prevSibling === null) return;
      names.add(source.slice(node.from, node.to).trim());
    },
  });
  return [...names];
}
