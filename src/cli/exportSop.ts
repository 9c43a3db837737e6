/**
 * `protap export-sop FILE... [--process ID] [--format html|pdf] --out PATH [--dir FOLDER]`:
 * the official SOP document (Permenpan RB 35/2012) of each process in the files. The
 * keterkaitan names the SOPs each one runs and those that run it, read from the files given and
 * the catalogue folder (`--dir`, the repository's `processes/` by default).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readBpmn } from '../bpmn/readBpmn.ts';
import { CATALOGUE_DIR, readCatalogue } from '../catalogue/readCatalogue.ts';
import { printPdf } from '../document/printPdf.ts';
import { relatedSops, sopDocumentHtml, summaryOf, type SopSummary } from '../document/sopDocument.ts';
import type { ProcessModel } from '../model/processModel.ts';
import { argumentError } from './argumentError.ts';
import { readFiles } from './readFiles.ts';

const USAGE = 'Penggunaan: protap export-sop FILE... [--process ID] [--format html|pdf] --out PATH [--dir FOLDER_KATALOG]';

interface Found { file: string; process: ProcessModel }

/** The SOPs of the catalogue folder, for keterkaitan; none when the folder is absent. */
async function catalogueSummaries(dir: string | undefined): Promise<SopSummary[]> {
  const folder = dir ?? CATALOGUE_DIR;
  if (!existsSync(folder)) {
    if (dir) throw new Error(`folder katalog tidak ditemukan (${dir})`);
    return [];
  }
  return (await readCatalogue(folder)).map((e) => ({ processId: e.processId, name: e.nama, ...(e.kodeBuku ? { kodeBuku: e.kodeBuku } : {}), calls: e.calledElements }));
}

/** Where one document goes: PATH itself, or PATH/<id>.<ext> when PATH is a folder or several files or processes are given. */
function target(out: string, processId: string, format: string, several: boolean): string {
  const folder = several || (existsSync(out) && statSync(out).isDirectory());
  return folder ? join(out, `${processId}.${format}`) : out;
}

/** Runs the command. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { process: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, dir: { type: 'string' } } });
  } catch (error) {
    console.error(`protap export-sop: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'html';
  if (positionals.length === 0 || !values.out || (format !== 'html' && format !== 'pdf')) {
    const why = positionals.length === 0 ? 'sebutkan minimal satu berkas BPMN' : !values.out ? 'opsi --out wajib (berkas atau folder hasil)' : `format "${format}" tidak dikenal (html atau pdf)`;
    console.error(`protap export-sop: ${why}\n${USAGE}`);
    return 2;
  }
  let failed = false;
  const found: Found[] = [];
  for (const read of await readFiles(positionals)) {
    if (!read.ok) { console.error(`${read.file}: ${read.message}`); failed = true; continue; }
    const result = await readBpmn(read.xml);
    const processes = result.model?.processes.filter((p) => p.nodes.size > 0) ?? [];
    if (processes.length === 0) {
      console.error(`${read.file}: tidak berisi proses BPMN yang dapat dibaca${result.problems[0] ? ` (${result.problems[0].message})` : ''}`);
      failed = true;
      continue;
    }
    found.push(...processes.map((process) => ({ file: read.file, process })));
  }
  const chosen = values.process ? found.filter((f) => f.process.id === values.process) : found;
  if (values.process && chosen.length === 0) {
    console.error(`protap export-sop: proses "${values.process}" tidak ada dalam berkas. Yang ada: ${found.map((f) => f.process.id).join(', ') || '(tidak ada)'}`);
    return 1;
  }
  let known: SopSummary[];
  try {
    const own = found.map((f) => summaryOf(f.process));
    known = [...own, ...(await catalogueSummaries(values.dir)).filter((s) => !own.some((o) => o.processId === s.processId))];
  } catch (error) {
    console.error(`protap export-sop: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const several = chosen.length > 1 || positionals.length > 1;
  if (several) await mkdir(values.out, { recursive: true });
  for (const { file, process } of chosen) {
    const html = sopDocumentHtml({ process, ...relatedSops(process, known) });
    const path = target(values.out, process.id, format, several);
    try {
      await writeFile(path, format === 'pdf' ? await printPdf(html) : html);
    } catch (error) {
      console.error(`${file}: ${process.id}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
      continue;
    }
    const pages = 1 + (html.match(/class="halaman bagan-alir"/g)?.length ?? 0);
    const name = (process.identity?.nama ?? process.name ?? process.id).replace(/\s+/g, ' ');
    console.log(`${basename(file)} → ${path} (${name}; ${pages} halaman)`);
  }
  return failed ? 1 : 0;
}
