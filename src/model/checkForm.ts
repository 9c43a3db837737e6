/**
 * Reads the fields an analyst put on a step (`sop:formulir`, a form-js schema as JSON) and checks
 * them: types Protap can check on the server, keys usable as variable names, one key per field,
 * options for choices. Every problem names the step and the field.
 */
import { DISPLAY_TYPES, INPUT_TYPES, type FormField } from './formSchema.ts';
import { problem, type Problem } from './problem.ts';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The fields of a stored form, and the problems that keep them from being used. */
export function checkForm(json: string, nodeId: string, type: string): { fields: FormField[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push(problem('BAD_FORM', nodeId, type, `Formulir langkah ${nodeId}: ${message}`));
  let schema: unknown;
  try {
    schema = JSON.parse(json);
  } catch {
    fail('isinya bukan JSON yang sah; simpan ulang formulir dari Pemodel SOP.');
    return { fields: [], problems };
  }
  const components = (schema as { components?: unknown } | null)?.components;
  if (!Array.isArray(components)) {
    fail('skema form-js harus punya daftar "components".');
    return { fields: [], problems };
  }
  const fields: FormField[] = [];
  const keys = new Set<string>();
  for (const [index, raw] of components.entries()) {
    const field = raw as FormField;
    const name = `kolom ke-${index + 1}${field && typeof field.label === 'string' ? ` "${field.label}"` : ''}`;
    if (!field || typeof field !== 'object' || typeof field.type !== 'string') {
      fail(`${name} tidak punya jenis.`);
      continue;
    }
    if ((DISPLAY_TYPES as readonly string[]).includes(field.type)) {
      fields.push(field);
      continue;
    }
    if (!(field.type in INPUT_TYPES)) {
      fail(`${name} berjenis "${field.type}", yang tidak didukung; pakai teks, angka, tanggal, pilihan atau ya/tidak.`);
      continue;
    }
    if (typeof field.key !== 'string' || !KEY.test(field.key)) {
      fail(`${name} perlu nama data (key) berupa huruf, angka dan garis bawah, diawali huruf, mis. nomorSurat.`);
      continue;
    }
    if (keys.has(field.key)) {
      fail(`nama data "${field.key}" dipakai dua kolom; beri tiap kolom nama data sendiri.`);
      continue;
    }
    if ((field.type === 'select' || field.type === 'radio') && (!Array.isArray(field.values) || field.values.length === 0)) {
      fail(`${name} adalah pilihan tanpa daftar pilihan; tambahkan pilihannya.`);
      continue;
    }
    keys.add(field.key);
    fields.push(field);
  }
  return { fields, problems };
}
