/**
 * Evidence files made before the replay verdict's field was renamed (format protap-bukti/1, the
 * verdict named `utuh`) still verify, and stop verifying once altered. `bukti-format-1.json` was
 * written and signed by that version of `caseEvidence`, with its own throwaway key.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_FORMAT, evidenceProblem } from '../../src/audit/evidence.ts';

type OldEvidence = { format: string; publicKey: string; putusanReplay: Record<string, unknown>; log: { actor: string | null }[] };

const oldFile = () => JSON.parse(readFileSync(new URL('bukti-format-1.json', import.meta.url), 'utf8')) as OldEvidence;

describe('evidence of format protap-bukti/1 (verdict named `utuh`)', () => {
  it('is the old format, and still verifies, against its own key too', () => {
    const old = oldFile();
    expect(old.format).toBe('protap-bukti/1');
    expect(EVIDENCE_FORMAT).not.toBe(old.format);
    expect(old.putusanReplay).toMatchObject({ utuh: true, events: 2 });
    expect(old.putusanReplay).not.toHaveProperty('intact');
    expect(evidenceProblem(old)).toBeUndefined();
    expect(evidenceProblem(old, createPublicKey(old.publicKey))).toBeUndefined();
  });

  it('no longer verifies once altered: verdict flipped, field renamed, format relabelled or a row changed', () => {
    const old = oldFile();
    const { utuh, ...rest } = old.putusanReplay;
    const altered: unknown[] = [
      { ...old, putusanReplay: { ...old.putusanReplay, utuh: false } },
      { ...old, putusanReplay: { ...rest, intact: utuh } },
      { ...old, format: EVIDENCE_FORMAT },
      { ...old, log: old.log.map((row, index) => (index === 0 ? { ...row, actor: 'orang-lain' } : row)) },
    ];
    for (const file of altered) expect(evidenceProblem(file)).toMatch(/Tanda tangan bukti tidak cocok/);
    expect(evidenceProblem(old, generateKeyPairSync('ed25519').publicKey)).toMatch(/bukan kunci kantor/);
  });

  it('refuses a format it does not know', () => {
    expect(evidenceProblem({ ...oldFile(), format: 'protap-bukti/99' })).toMatch(/bukan bukti audit Protap/);
  });
});
