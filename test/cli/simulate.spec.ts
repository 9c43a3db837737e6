import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const makro = resolve(import.meta.dirname, '../../processes/makro/makro-pengelolaan-surat.bpmn');

afterEach(() => vi.restoreAllMocks());

describe('protap simulate', () => {
  it('runs a macro SOP with its micro SOPs taken from the catalogue, printing each step with its due time', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    // Every decision on the way is asked on a form and simulate answers forms from --data only:
    // Surat Masuk asks whether the surat needs an answer, Surat Keluar whether it is urgent.
    expect(await main(['simulate', makro, '--data', '{"memerlukanJawaban": true, "sangatMendesak": false}', '--from', '2026-03-16T08:00:00+07:00', '--json'])).toBe(0);
    const result = JSON.parse(out.join('\n')) as { status: string; path: { processId: string; due?: string }[] };
    expect(result.status).toBe('completed');
    expect([...new Set(result.path.map((p) => p.processId))]).toEqual(['makro-pengelolaan-surat', 'umum-A', 'umum-B']);
    expect(result.path.filter((p) => p.processId === 'umum-A' && p.due).length).toBeGreaterThan(0);
  });

  // The perdata macro learns of the putusan by a message while perdata-A still waits out the summons
  // period (HIR 122): the waiting passes first, so the path reads hearing, putusan, then banding.
  it('lets a called SOP\'s waiting time pass before delivering the message its caller waits for', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    const perdata = resolve(import.meta.dirname, '../../processes/makro/makro-perkara-perdata.bpmn');
    await main(['simulate', perdata, '--data', '{"panggilanDelegasi": false, "pihakHadir": true}', '--from', '2026-03-16T08:00:00+07:00', '--json']);
    const result = JSON.parse(out.join('\n')) as { path: { name?: string; at: string }[] };
    const first = (name: RegExp) => result.path.findIndex((p) => name.test(p.name ?? ''));
    expect(first(/^Memeriksa dan memutus perkara/)).toBeGreaterThan(-1);
    expect(first(/^Pernyataan banding diterima/)).toBeGreaterThan(first(/^Memeriksa dan memutus perkara/));
  });

  it('prints what a called SOP did before it ended ahead of its caller going on, and answers a message\'s form from --data', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    const pidana = resolve(import.meta.dirname, '../../processes/makro/makro-perkara-pidana.bpmn');
    const data = { terdakwaDitahan: true, terdakwaHadir: true, bandingDicabut: false, pernyataanBandingDiterima: '2026-01-05', pernyataanKasasiDiterima: '2026-02-20', syaratFormalKasasi: 'memenuhi', kontraMemori: true, putusanBebas: false, upaya: 'pk' };
    expect(await main(['simulate', pidana, '--data', JSON.stringify(data), '--from', '2026-01-05T08:00:00+07:00', '--json'])).toBe(0);
    const result = JSON.parse(out.join('\n')) as { status: string; path: { processId: string; node: string; type: string }[] };
    expect(result.status).toBe('completed');
    const at = (processId: string, node: string) => result.path.findIndex((p) => p.processId === processId && p.node === node);
    const end = (processId: string) => result.path.findIndex((p) => p.processId === processId && p.type === 'endEvent');
    // pidana-A ends at the putusan, then the macro asks whether the terdakwa was present (the same instant);
    // pidana-B ends, then the macro asks whether the banding was withdrawn.
    expect(end('pidana-A')).toBeGreaterThan(-1);
    expect(end('pidana-A')).toBeLessThan(at('makro-perkara-pidana', 'GerbangHadir'));
    expect(end('pidana-B')).toBeLessThan(at('makro-perkara-pidana', 'GerbangDicabut'));

    // --without: no kasasi is filed, so that window's 14 days run out and the banding putusan stands; banding still ran.
    out.length = 0;
    expect(await main(['simulate', pidana, '--data', JSON.stringify(data), '--from', '2026-01-05T08:00:00+07:00', '--json', '--without', 'PernyataanKasasi'])).toBe(0);
    const noKasasi = JSON.parse(out.join('\n')) as { status: string; path: { processId: string; node: string }[] };
    expect(noKasasi.status).toBe('completed');
    const macro = noKasasi.path.filter((p) => p.processId === 'makro-perkara-pidana').map((p) => p.node);
    expect(macro).toContain('Banding');
    expect(macro.slice(-2)).toEqual(['BatasKasasi', 'InkrachtBanding']);
    expect(noKasasi.path.some((p) => p.processId === 'pidana-C')).toBe(false);

    // The perdata macro's putusan message asks whether every party was present: without it in --data, simulate says so.
    const perdata = resolve(import.meta.dirname, '../../processes/makro/makro-perkara-perdata.bpmn');
    out.length = 0;
    await main(['simulate', perdata, '--data', '{"panggilanDelegasi": false}', '--from', '2026-03-16T08:00:00+07:00']);
    expect(out.join('\n')).toMatch(/pesan "putusan-diucapkan" tidak dapat dikirim: .*Semua pihak hadir saat putusan diucapkan\?.*--data/);
  });

  it('says in Indonesian what is wrong with --data', async () => {
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
    expect(await main(['simulate', makro, '--data', '[1,2]'])).toBe(2);
    expect(err.join('\n')).toContain('--data harus berupa objek JSON');
  });
});
