/** Protap's canonical JSON encoder gives, for every JSON value, exactly what the `canonicalize` package (RFC 8785) gives. */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../src/chain/hashChain.ts';

describe('canonical JSON', () => {
  it('matches the canonicalize package on arbitrary JSON values, nested and with unicode keys', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => { expect(canonical(value)).toBe(canonicalize(value)); }),
      { numRuns: process.env.CI === 'true' ? 300 : 1000, ...(process.env.CI === 'true' ? { seed: 42 } : {}) });
  });

  it('sorts keys by UTF-16 code units, drops undefined properties, writes undefined array items as null, uses toJSON', () => {
    const value = { b: 1, a: [undefined, 2, { z: undefined, é: 'x', E: 1e21 }], d: new Date(0), '\u{1F600}': true, '\uFB33': 0 };
    expect(canonical(value)).toBe(canonicalize(value));
    expect(canonical(value)).toBe('{"a":[null,2,{"E":1e+21,"\u00e9":"x"}],"b":1,"d":"1970-01-01T00:00:00.000Z","\u{1F600}":true,"\uFB33":0}');
  });

  it('refuses what JSON cannot say', () => {
    expect(() => canonical(Number.NaN)).toThrow(/tidak dapat dikodekan/);
    expect(() => canonical({ a: Infinity })).toThrow(/tidak dapat dikodekan/);
    expect(() => canonical(undefined)).toThrow(/tidak dapat dikodekan/);
  });
});
