/**
 * The catalogue index, derived from the files themselves: every `processes/<unit>/*.bpmn`
 * (the `calendar/` folder holds data, not SOPs) read for its identity block, its steps and the
 * micro SOPs it calls. Nothing is kept by hand, so the index cannot drift from the diagrams.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { readBpmn } from '../bpmn/readBpmn.ts';
import type { ProcessModel } from '../model/processModel.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { compareKodeBuku } from './bookOrder.ts';

/** One SOP of the catalogue. */
export interface CatalogueEntry {
  /** The book's numbering ("IV.C"); absent for a macro SOP, which the book does not number. */
  kodeBuku?: string;
  nama: string;
  /** The catalogue folder: umum, kepegawaian, keuangan, pidana, perdata, hukum or makro. */
  unit: string;
  /** The unit as the identity block names it ("Kepaniteraan Pidana"). */
  unitName?: string;
  processId: string;
  /** Path relative to the folder above the catalogue, e.g. "processes/pidana/pidana-C.bpmn". */
  file: string;
  /** Absolute path of the file. */
  path: string;
  cakupan: 'makro' | 'mikro';
  /** Number of steps: tasks, call activities and subprocesses. */
  steps: number;
  /** Process ids of the micro SOPs its call activities start. */
  calledElements: string[];
}

/** Folders of `processes/` that hold no SOP. */
const NOT_SOP = new Set(['calendar']);
const STEP_TYPE = /Task$|^callActivity$|^subProcess$/;

/** The repository's catalogue folder. */
export const CATALOGUE_DIR = resolve(import.meta.dirname, '../../processes');

function entryOf(process: ProcessModel, unit: string, path: string, dir: string): CatalogueEntry {
  const identity = process.identity;
  const nodes = [...process.nodes.values()];
  const calledElements = [...new Set(nodes.flatMap((n) => (n.type === 'callActivity' && n.calledElement ? [n.calledElement] : [])))];
  const cakupan = identity?.cakupan === 'makro' || (identity?.cakupan === undefined && unit === 'makro') ? 'makro' : 'mikro';
  return {
    ...(identity?.kodeBuku ? { kodeBuku: identity.kodeBuku } : {}),
    nama: identity?.nama ?? process.name ?? process.id,
    unit,
    ...(identity?.unit ? { unitName: identity.unit } : {}),
    processId: process.id,
    file: relative(dirname(dir), path),
    path,
    cakupan,
    steps: nodes.filter((n) => STEP_TYPE.test(n.type)).length,
    calledElements,
  };
}

/** Orders entries as the book does; macro SOPs last, by process id. */
export function sortCatalogue(entries: CatalogueEntry[]): CatalogueEntry[] {
  return [...entries].sort((a, b) => (a.cakupan === b.cakupan ? 0 : a.cakupan === 'makro' ? 1 : -1)
    || compareKodeBuku(a.kodeBuku, b.kodeBuku) || a.processId.localeCompare(b.processId));
}

/** Reads every SOP of the catalogue folder, in book order; throws DEFINITION_INVALID naming any unreadable file. */
export async function readCatalogue(dir: string = CATALOGUE_DIR): Promise<CatalogueEntry[]> {
  const root = resolve(dir);
  const units = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory() && !NOT_SOP.has(d.name)).map((d) => d.name);
  const entries: CatalogueEntry[] = [];
  for (const unit of units.sort()) {
    const names = (await readdir(join(root, unit))).filter((n) => n.endsWith('.bpmn')).sort();
    const reads = await Promise.all(names.map(async (name) => {
      const path = join(root, unit, name);
      return { path, result: await readBpmn(await readFile(path, 'utf8')) };
    }));
    for (const { path, result } of reads) {
      const processes = result.model?.processes.filter((p) => p.nodes.size > 0) ?? [];
      if (!result.model || processes.length === 0) {
        throw new ProtapError('DEFINITION_INVALID', `Berkas katalog ${relative(dirname(root), path)} tidak berisi proses yang dapat dibaca.`, { file: path, problems: result.problems });
      }
      for (const process of processes) entries.push(entryOf(process, unit, path, root));
    }
  }
  return sortCatalogue(entries);
}
