/**
 * Property-based tests over random diagrams (fast-check): validation never throws, every valid
 * block-structured diagram simulates to its end, broken ones are rejected with messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';
import { simulate } from '../../src/runtime/simulate.ts';
import { blockArbitrary, mutate, mutationArbitrary, toBpmn, VARIABLES } from './diagramArbitrary.ts';

// Locally every run explores new diagrams; CI replays one fixed sequence so a landing never
// depends on the draw (fast-check prints the seed and path of any failure to replay it).
const seed = process.env.CI ? 20_261_123 : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(seed === undefined ? {} : { seed }) });

const varsArbitrary = fc.record(Object.fromEntries(VARIABLES.map((v) => [v, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>);

describe('random diagrams', () => {
  it('every valid block-structured diagram validates and simulates to an end', async () => {
    await fc.assert(fc.asyncProperty(blockArbitrary, varsArbitrary, async (block, vars) => {
      const loaded = await loadDefinitions(toBpmn(block));
      expect(loaded.problems).toEqual([]);
      const result = simulate(loaded.definitions, { from: '2026-03-16T08:00:00+07:00', vars });
      expect(result.reason).toBeUndefined();
      expect(result.status).toBe('completed');
      expect(result.path.at(-1)?.node).toBe('Selesai');
    }), runs(150));
  });

  it('validation never throws on broken diagrams, and every problem names what is wrong', async () => {
    await fc.assert(fc.asyncProperty(blockArbitrary, mutationArbitrary, fc.nat(), async (block, mutation, seed) => {
      const loaded = await loadDefinitions(mutate(toBpmn(block), mutation, seed));
      for (const p of loaded.problems) {
        expect(p.code).toMatch(/^[A-Z_]+$/);
        expect(p.message.length).toBeGreaterThan(15);
      }
      if (['truncate', 'duplicateId', 'badWaktu'].includes(mutation)) expect(loaded.problems.length).toBeGreaterThan(0);
      if (loaded.problems.length === 0) {
        // A mutation that left the diagram valid must still run without crashing.
        const result = simulate(loaded.definitions, { from: '2026-03-16T08:00:00+07:00', vars: { lengkap: true, setuju: true, banding: true }, maxEvents: 300 });
        expect(['active', 'completed', 'terminated', 'failed', 'incident']).toContain(result.status);
      }
    }), runs(300));
  });
});
