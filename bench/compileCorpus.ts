/** Compile time for every file of the public BPMN corpus: read, check, compile, create the machine. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadDefinitions } from '../src/runtime/loadDefinitions.ts';

export interface CompileFigures {
  files: number;
  compiled: number;
  rejected: number;
  totalMs: number;
  medianMs: number;
  maxMs: number;
  slowest: string;
}

function bpmnFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? bpmnFiles(path) : name.endsWith('.bpmn') ? [path] : [];
  }).sort();
}

/** Loads each corpus file `rounds` times and reports the per-file median of the best round. */
export async function compileCorpus(corpusDir: string, rounds = 5): Promise<CompileFigures> {
  const files = bpmnFiles(corpusDir);
  const sources = files.map((file) => readFileSync(file, 'utf8'));
  const best = new Array<number>(files.length).fill(Infinity);
  let compiled = 0;
  for (let round = 0; round < rounds; round++) {
    compiled = 0;
    for (let i = 0; i < files.length; i++) {
      const started = process.hrtime.bigint();
      const loaded = await loadDefinitions(sources[i] as string);
      best[i] = Math.min(best[i] as number, Number(process.hrtime.bigint() - started) / 1e6);
      if (loaded.problems.length === 0) compiled++;
    }
  }
  const sorted = [...best].sort((a, b) => a - b);
  const max = Math.max(...best);
  return {
    files: files.length,
    compiled,
    rejected: files.length - compiled,
    totalMs: best.reduce((a, b) => a + b, 0),
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    maxMs: max,
    slowest: relative(corpusDir, files[best.indexOf(max)] ?? ''),
  };
}
