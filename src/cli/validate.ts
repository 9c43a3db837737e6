/** `protap validate FILE... [--json]`: checks BPMN files; exit 0 when all are valid, 1 otherwise. */
import { parseArgs } from 'node:util';
import { readBpmn } from '../bpmn/readBpmn.ts';
import type { Problem } from '../model/problem.ts';
import { validateRead } from '../runtime/validateBpmn.ts';
import { argumentError } from './argumentError.ts';
import { readFiles } from './readFiles.ts';

interface FileResult {
  file: string;
  ok: boolean;
  problems: { id: string; type: string; code: string; message: string }[];
  warnings: { id: string; type: string; code: string; message: string }[];
}

const shape = (p: Problem) => ({ id: p.id, type: p.type, code: p.code, message: p.message });

/** Validates files together: a call activity may call a process of any file given. */
export async function validateFiles(files: string[]): Promise<FileResult[]> {
  const reads = await readFiles(files);
  // Each file read as BPMN, or why the file itself could not be read.
  const parsed = await Promise.all(reads.map(async (read) => ({ file: read.file, result: read.ok ? await readBpmn(read.xml) : read.message })));
  const known = new Set(parsed.flatMap(({ result }) => (typeof result === 'string' ? [] : result.model?.processes.map((proc) => proc.id) ?? [])));
  return parsed.map(({ file, result }): FileResult => {
    if (typeof result === 'string') return { file, ok: false, problems: [{ id: '', type: 'berkas', code: 'FILE_UNREADABLE', message: result }], warnings: [] };
    const validation = validateRead(result, known);
    return { file, ok: validation.valid, problems: validation.problems.map(shape), warnings: validation.warnings.map(shape) };
  });
}

/** Runs the command. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  } catch (error) {
    console.error(`protap validate: ${argumentError(error)}\nPenggunaan: protap validate FILE... [--json]`);
    return 2;
  }
  if (parsed.positionals.length === 0) {
    console.error('Penggunaan: protap validate FILE... [--json]');
    return 2;
  }
  const results = await validateFiles(parsed.positionals);
  if (parsed.values.json) {
    // The machine format as published and read by other tools: what blocks a file is `errors`
    // there (the code's `problems`); renaming it broke a reader, so it stays.
    console.log(JSON.stringify(results.map(({ file, ok, problems, warnings }) => ({ file, ok, errors: problems, warnings })), null, 2));
  } else {
    for (const result of results) {
      console.log(`${result.ok ? '✓ valid' : '✗ tidak valid'}  ${result.file}`);
      for (const p of result.problems) console.log(`    galat ${p.code} ${p.id ? `[${p.id}] ` : ''}${p.message}`);
      for (const w of result.warnings) console.log(`    peringatan ${w.code} ${w.id ? `[${w.id}] ` : ''}${w.message}`);
    }
    const bad = results.filter((r) => !r.ok).length;
    console.log(`\n${results.length} berkas: ${results.length - bad} valid, ${bad} tidak valid.`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}
