/**
 * `protap export-sop`: the documents of the whole catalogue in one command, one document to a
 * file, a PDF printed by the installed Chromium with one page per document page, and bad input
 * refused with what is wrong.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support/captureConsole.ts';
import { chromiumPath } from '../../src/document/printPdf.ts';

const root = resolve(import.meta.dirname, '../..');
const catalogue = readdirSync(join(root, 'processes'), { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(root, 'processes', d.name)).filter((f) => f.endsWith('.bpmn')).map((f) => join(root, 'processes', d.name, f)));
/** Chromium prints the PDF: where CI runs, a missing Chromium fails the test rather than skipping it. */
const withChromium = chromiumPath() || process.env.CI === 'true' ? it : it.skip;

afterEach(() => vi.restoreAllMocks());

describe('protap export-sop', () => {
  it('writes the document of every catalogue SOP in one command', async () => {
    const out = mkdtempSync(join(tmpdir(), 'protap-dokumen-'));
    const io = capture();
    expect(await main(['export-sop', ...catalogue, '--out', out])).toBe(0);
    const written = readdirSync(out).sort();
    expect(written).toHaveLength(75); // issue 19: two macro SOPs removed
    expect(written).toContain('makro-perkara-pidana.html');
    const html = readFileSync(join(out, 'makro-perkara-pidana.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Menjalankan SOP');
    expect(io.out().split('\n')).toHaveLength(75);
    expect(io.out()).toMatch(/pidana-A\.bpmn → .*pidana-A\.html \(Penyelesaian Perkara; \d+ halaman\)/);
  }, 60_000);

  it('writes one process to the file named, and refuses an unknown process, a bad format or a broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protap-dokumen-'));
    const file = join(root, 'processes/pidana/pidana-A.bpmn');
    let io = capture();
    expect(await main(['export-sop', file, '--process', 'pidana-A', '--out', join(dir, 'a.html')])).toBe(0);
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toContain('Penyelesaian Perkara');
    expect(await main(['export-sop', file, '--process', 'tidak-ada', '--out', join(dir, 'b.html')])).toBe(1);
    expect(io.err()).toContain('proses "tidak-ada" tidak ada dalam berkas. Yang ada: pidana-A');
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['export-sop', file, '--format', 'docx', '--out', join(dir, 'c')])).toBe(2);
    expect(io.err()).toContain('format "docx" tidak dikenal (html atau pdf)');
    expect(await main(['export-sop', file])).toBe(2);
    expect(io.err()).toContain('opsi --out wajib');
    const broken = join(dir, 'rusak.bpmn');
    writeFileSync(broken, '<bpmn:definitions');
    expect(await main(['export-sop', broken, join(dir, 'hilang.bpmn'), file, '--out', join(dir, 'semua')])).toBe(1);
    expect(io.err()).toContain('rusak.bpmn: tidak berisi proses BPMN yang dapat dibaca');
    expect(io.err()).toContain('hilang.bpmn: berkas tidak ditemukan');
    // The readable file is still written.
    expect(readdirSync(join(dir, 'semua'))).toEqual(['pidana-A.html']);
  });

  withChromium('prints a PDF through Chromium: A4 landscape, one page per page of the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protap-dokumen-'));
    // Penyelesaian Perkara perdata: its flowchart runs over more than one page.
    const file = join(root, 'processes/perdata/perdata-A.bpmn');
    capture();
    expect(await main(['export-sop', file, '--out', join(dir, 'a.html')])).toBe(0);
    expect(await main(['export-sop', file, '--format', 'pdf', '--out', join(dir, 'a.pdf')])).toBe(0);
    const pdf = readFileSync(join(dir, 'a.pdf')).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const pages = (readFileSync(join(dir, 'a.html'), 'utf8').match(/<section class="halaman/g) ?? []).length;
    expect(pages).toBeGreaterThan(2);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(pages);
    // A4 landscape: 841.92 × 595 points (Chromium rounds the height to 594.96).
    expect(pdf).toMatch(/\/MediaBox \[0 0 841\.9\d* 59[45]\.\d+\]/);
  }, 60_000);
});
