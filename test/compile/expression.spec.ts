/**
 * Conditions a stated decision derives (`x = true`, `x = "a"`, `x = 3`) are compared directly,
 * without feelin's parser; they must hold exactly when feelin says they do, for any value.
 */
import fc from 'fast-check';
import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, readExpression } from '../../src/compile/expression.ts';

const literal = fc.oneof(fc.boolean(), fc.constantFrom('pk', 'banding', 'ya', ''), fc.integer({ min: -5, max: 5 }), fc.constantFrom(1.5, -2.25));
const value = fc.oneof(literal, fc.constant(null), fc.constant(undefined), fc.constantFrom('true', '3', 'Ya'), fc.array(fc.integer(), { maxLength: 2 }));

describe('plain FEEL comparisons', () => {
  it('hold exactly when feelin says the condition is true', () => {
    fc.assert(fc.property(literal, value, fc.constantFrom('=', ' = '), (expected, actual, op) => {
      const source = `lengkap${op}${typeof expected === 'string' ? JSON.stringify(expected) : String(expected)}`;
      const read = readExpression(source);
      if (!read.ok) throw new Error(read.message);
      const vars: Record<string, unknown> = actual === undefined ? {} : { lengkap: actual };
      expect(evaluateCondition(read.expression, vars)).toBe(evaluate(source, vars).value === true);
    }), { numRuns: 500 });
  });

  it('leave other expressions to feelin', () => {
    const read = readExpression('jumlah > 2 and lengkap = true');
    expect(read.ok && evaluateCondition(read.expression, { jumlah: 3, lengkap: true })).toBe(true);
    expect(read.ok && evaluateCondition(read.expression, { jumlah: 1, lengkap: true })).toBe(false);
  });
});
