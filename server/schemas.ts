/**
 * The request bodies of the API as JSON Schemas: validated with ajv before any route runs, and
 * published unchanged in the OpenAPI document — one description for both. A refusal names the
 * field and what is wrong with it, in Bahasa Indonesia.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { RequestHandler } from 'express';
import { ProtapError } from '../src/runtime/protapError.ts';

const text = (max: number, description: string) => ({ type: 'string', minLength: 1, maxLength: max, description });
const roles = { type: 'array', items: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,79}$' }, minItems: 1, maxItems: 50, description: 'admin, analis, pimpinan, auditor, atau sop:pelaksana lajur' };
const data = { type: 'object', description: 'Data kasus (variabel) yang digabungkan ke kasus' };
const unit = { type: 'string', maxLength: 120, description: 'Unit kerja, mis. "Kepaniteraan Pidana" (seperti unit di identitas SOP); teks kosong menghapusnya' };

export const requestSchemas = {
  Login: {
    type: 'object', additionalProperties: false, required: ['id', 'password'],
    properties: { id: text(64, 'Nama login'), password: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  NewUser: {
    type: 'object', additionalProperties: false, required: ['id', 'nama', 'password', 'roles'],
    properties: {
      id: text(64, 'Nama login: huruf kecil, angka, . _ -'), nama: text(120, 'Nama lengkap'), password: { type: 'string', minLength: 10, maxLength: 200 }, roles, unit,
      mustChangePassword: { type: 'boolean', description: 'Wajib mengganti kata sandi saat pertama masuk (bawaan true: kata sandi dipilih admin)' },
    },
  },
  UserChange: {
    type: 'object', additionalProperties: false, minProperties: 1,
    properties: { nama: text(120, 'Nama lengkap'), password: { type: 'string', minLength: 10, maxLength: 200 }, roles, disabled: { type: 'boolean' }, unit },
  },
  PasswordChange: {
    type: 'object', additionalProperties: false, required: ['current', 'password'],
    properties: { current: { type: 'string', minLength: 1, maxLength: 200, description: 'Kata sandi sekarang' }, password: { type: 'string', minLength: 10, maxLength: 200, description: 'Kata sandi baru' } },
  },
  StartCase: {
    type: 'object', additionalProperties: false, required: ['processId'],
    properties: { processId: text(200, 'SOP yang dimulai'), vars: data, businessKey: text(200, 'Nomor yang dipakai kantor, mis. nomor perkara') },
  },
  CompleteStep: {
    type: 'object', additionalProperties: false,
    properties: {
      data, instance: { type: 'integer', minimum: 0, description: 'Langkah multi-instance: instans yang diselesaikan' },
      expectedRevision: { type: 'integer', minimum: 0, description: 'Revisi kasus yang terakhir dilihat; berbeda → 409' },
    },
  },
  ClaimStep: {
    type: 'object', additionalProperties: false,
    properties: { expectedRevision: { type: 'integer', minimum: 0, description: 'Revisi kasus yang terakhir dilihat; berbeda → 409' } },
  },
  Message: {
    type: 'object', additionalProperties: false, required: ['name'],
    oneOf: [{ required: ['caseId'] }, { required: ['businessKey'] }],
    properties: { name: text(200, 'Nama pesan'), caseId: text(200, 'Kasus tujuan'), businessKey: text(200, 'Nomor kasus tujuan'), data },
  },
} as const;

export type RequestSchema = keyof typeof requestSchemas;

const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
const validators = new Map<RequestSchema, ValidateFunction>(
  (Object.keys(requestSchemas) as RequestSchema[]).map((name) => [name, ajv.compile(requestSchemas[name])]),
);

/** One ajv error as a sentence naming the field. */
function explain(error: ErrorObject): string {
  const field = error.instancePath ? `"${error.instancePath.slice(1).replaceAll('/', '.')}"` : 'isi permintaan';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return `Kolom "${String(p.missingProperty)}" wajib diisi.`;
    case 'additionalProperties': return `Kolom "${String(p.additionalProperty)}" tidak dikenal di ${field}.`;
    case 'type': return `Kolom ${field} harus berupa ${({ object: 'objek JSON', string: 'teks', integer: 'bilangan bulat', boolean: 'true/false', array: 'daftar' } as Record<string, string>)[String(p.type)] ?? p.type}.`;
    case 'minLength': return `Kolom ${field} paling sedikit ${String(p.limit)} karakter.`;
    case 'maxLength': return `Kolom ${field} paling banyak ${String(p.limit)} karakter.`;
    case 'minimum': return `Kolom ${field} paling kecil ${String(p.limit)}.`;
    case 'minItems': return `Kolom ${field} harus berisi paling sedikit ${String(p.limit)} unsur.`;
    case 'maxItems': return `Kolom ${field} paling banyak berisi ${String(p.limit)} unsur.`;
    case 'pattern': return `Kolom ${field} memuat karakter yang tidak diizinkan.`;
    case 'minProperties': return 'Sebutkan paling sedikit satu kolom yang diubah.';
    case 'oneOf': return 'Sebutkan tepat salah satu: "caseId" atau "businessKey".';
    default: return `Kolom ${field} tidak sah (${error.message ?? error.keyword}).`;
  }
}

/** Middleware: the JSON body must match the named schema (an absent body counts as {}). */
export function validBody(name: RequestSchema): RequestHandler {
  const validate = validators.get(name) as ValidateFunction;
  return (req, _res, next) => {
    req.body ??= {};
    if (validate(req.body)) return next();
    const first = validate.errors?.[0];
    next(new ProtapError('BAD_INPUT', first ? explain(first) : 'Isi permintaan tidak sah.', { field: first?.instancePath || undefined }));
  };
}
