/**
 * `protap layout FILE... [--write]`: re-lays out each BPMN file's DI from its semantics. Only the
 * `bpmndi:` part changes; every other byte of the file stays as it was. Without --write it says
 * what would change; with --write it rewrites the files whose layout changed.
 * Exit 0 when every file was read (and written), 1 when a file could not be laid out, 2 on bad arguments.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { relayoutDiagramText } from '../bpmn/layoutDiagram.ts';
import { argumentError } from './argumentError.ts';
import { readFiles } from './readFiles.ts';

const USAGE = 'Penggunaan: protap layout FILE... [--write]';
const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;

/** Runs the command. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { write: { type: 'boolean' } } });
  } catch (error) {
    console.error(`protap layout: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const write = parsed.values.write === true;
  let failed = 0;
  let changed = 0;
  for (const read of await readFiles(parsed.positionals)) {
    if (!read.ok) {
      console.log(`✗ ${read.file}: ${read.message}`);
      failed++;
      continue;
    }
    let laidOut: string;
    try {
      laidOut = await relayoutDiagramText(read.xml);
    } catch (error) {
      console.log(`✗ ${read.file}: ${error instanceof Error ? error.message : String(error)}`);
      failed++;
      continue;
    }
    if (laidOut === read.xml) {
      console.log(`= ${read.file}: tata letak sudah sama`);
      continue;
    }
    changed++;
    const before = read.xml.split(/\r?\n/);
    const after = laidOut.split(/\r?\n/);
    const shapes = count(laidOut, /<[\w.-]*:?BPMNShape\b/g);
    const edges = count(laidOut, /<[\w.-]*:?BPMNEdge\b/g);
    const summary = `bpmndi diganti (${before.length} → ${after.length} baris; ${shapes} bentuk, ${edges} garis); semantik tidak berubah`;
    if (write) {
      await writeFile(read.file, laidOut, 'utf8');
      console.log(`✓ ${read.file}: ditulis — ${summary}`);
    } else {
      console.log(`~ ${read.file}: akan berubah — ${summary}`);
    }
  }
  const files = parsed.positionals.length;
  console.log(`\n${files} berkas: ${changed} ${write ? 'ditulis ulang' : 'akan berubah (jalankan dengan --write untuk menulis)'}, ${files - changed - failed} sudah sama, ${failed} gagal.`);
  return failed > 0 ? 1 : 0;
}
