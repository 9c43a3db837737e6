/**
 * The request bodies and query strings of the API as JSON Schemas: validated with ajv before any
 * route runs, and published unchanged in the OpenAPI document — one description for both. A
 * refusal names the field or parameter and what is wrong with it, in Bahasa Indonesia.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { RequestHandler, Response } from 'express';
import { CALENDAR_STATUSES, ENTRY_KINDS } from '../src/calendar/calendarYear.ts';
import { ProtapError } from '../src/runtime/protapError.ts';

const text = (max: number, description: string) => ({ type: 'string', minLength: 1, maxLength: max, description });
const roles = { type: 'array', items: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,79}$' }, minItems: 1, maxItems: 50, description: 'admin, analis, pimpinan, auditor, atau sop:pelaksana lajur' };
const data = { type: 'object', description: 'Data kasus (variabel) yang digabungkan ke kasus' };
const unit = { type: 'string', maxLength: 120, description: 'Unit kerja, mis. "Kepaniteraan Pidana" (seperti unit di identitas SOP); teks kosong menghapusnya' };
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'tanggal YYYY-MM-DD' };

export const requestSchemas = {
  Login: {
    type: 'object', additionalProperties: false, required: ['id', 'password'],
    properties: { id: text(64, 'Nama login'), password: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  NewUser: {
    type: 'object', additionalProperties: false, required: ['id', 'name', 'password', 'roles'],
    properties: {
      id: text(64, 'Nama login: huruf kecil, angka, . _ -'), name: text(120, 'Nama lengkap'), password: { type: 'string', minLength: 10, maxLength: 200 }, roles, unit,
      mustChangePassword: { type: 'boolean', description: 'Wajib mengganti kata sandi saat pertama masuk (bawaan true: kata sandi dipilih admin)' },
    },
  },
  UserChange: {
    type: 'object', additionalProperties: false, minProperties: 1,
    properties: { name: text(120, 'Nama lengkap'), password: { type: 'string', minLength: 10, maxLength: 200 }, roles, disabled: { type: 'boolean' }, unit },
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
  // A corrected calendar year (PUT /api/calendar/{year}); whether its dates lie in the year and agree is checked after (src/calendar/calendarYear.ts).
  CalendarYear: {
    type: 'object', additionalProperties: false, required: ['year', 'status', 'version', 'sources', 'entries'],
    properties: {
      year: { type: 'integer', minimum: 1900, maximum: 2200, description: 'Tahun, sama dengan tahun di alamat' },
      status: { enum: CALENDAR_STATUSES, description: 'published: ditetapkan SKB; draft: perkiraan' },
      version: { type: 'integer', minimum: 1, description: 'Versi data tahun ini; yang diterbitkan menjadi versi berikutnya' },
      sources: {
        type: 'array', maxItems: 50, description: 'Dasar hukum (SKB, Keppres)',
        items: { type: 'object', additionalProperties: false, required: ['ref', 'title'], properties: { ref: text(300, 'Nomor'), title: text(500, 'Judul'), date: isoDate, catatan: { type: 'string', maxLength: 1000 } } },
      },
      entries: {
        type: 'array', maxItems: 200, description: 'Libur nasional dan cuti bersama',
        items: {
          type: 'object', additionalProperties: false, required: ['date', 'kind', 'name', 'source'],
          properties: {
            date: isoDate, kind: { enum: ENTRY_KINDS }, name: text(200, 'Nama hari libur'), source: text(300, 'Dasar hukum'),
            tentative: { type: 'boolean', description: 'Tanggal belum pasti (menunggu sidang isbat)' }, catatan: { type: 'string', maxLength: 1000 },
          },
        },
      },
      catatan: { type: 'string', maxLength: 2000 }, generatedFrom: { type: 'string', maxLength: 200 },
    },
  },
} as const;

const ROLE = '[a-z0-9][a-z0-9._-]{0,79}';
const bound = (description: string) => ({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]{5,18}(Z|[+-]\\d{2}:?\\d{2})?)?$', description });
const version = { type: 'integer', minimum: 1, maximum: 1_000_000_000, description: 'versi (bilangan bulat mulai 1); bawaan versi terbaru' };
const format = { enum: ['html', 'pdf'], default: 'html', description: 'html (bawaan) atau pdf' };

/** The query strings of the API: each parameter a string in the address, read as the type said here. */
export const querySchemas = {
  CaseList: {
    type: 'object', additionalProperties: false,
    properties: {
      status: { enum: ['active', 'completed', 'terminated', 'failed', 'incident'], description: 'active | completed | terminated | failed | incident' },
      processId: text(200, 'SOP'), businessKey: text(200, 'nomor perkara/surat'),
      overdue: { type: 'boolean', description: 'true: kasus dengan langkah terbuka yang melewati tenggat; false: tanpa langkah seperti itu' },
      pelaksana: { type: 'string', pattern: `^${ROLE}$`, description: 'peran: kasus dengan langkah terbuka untuk peran ini (mis. jurusita)' },
      from: bound('dimulai sejak (tanggal ISO: sejak awal hari itu, atau waktu ISO)'),
      to: bound('dimulai sampai (tanggal ISO: sampai akhir hari itu, atau waktu ISO)'),
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: '1–1000, bawaan 100' },
      cursor: { type: 'string', minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$', description: 'halaman berikutnya: nilai header Protap-Next-Cursor dari halaman sebelumnya' },
    },
  },
  Worklist: {
    type: 'object', additionalProperties: false,
    properties: {
      pelaksana: { type: 'string', maxLength: 2000, pattern: `^${ROLE}(,${ROLE})*$`, description: 'peran, dipisah koma; bawaan peran Anda sendiri' },
      semua: { type: 'boolean', description: 'true: semua langkah terbuka semua peran (pemantauan; pimpinan, auditor, analis, admin)' },
      late: { type: 'boolean', description: 'true: hanya yang terlambat; false: hanya yang belum' },
      limit: { type: 'integer', minimum: 1, maximum: 5000, default: 500, description: 'paling banyak 1–5000 (bawaan 500)' },
      cursor: { type: 'string', minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$', description: 'halaman berikutnya: nilai header Protap-Next-Cursor dari halaman sebelumnya' },
    },
  },
  Compliance: {
    type: 'object', additionalProperties: false,
    properties: {
      from: bound('awal periode (tanggal ISO: sejak awal hari itu, atau waktu ISO)'), to: bound('akhir periode (tanggal ISO: sampai akhir hari itu, atau waktu ISO)'),
      processId: text(200, 'SOP'), pelaksana: { type: 'string', pattern: `^${ROLE}$`, description: 'peran' },
    },
  },
  DraftDocument: { type: 'object', additionalProperties: false, properties: { format, process: text(200, 'id proses bila diagram memuat lebih dari satu') } },
  VersionDocument: { type: 'object', additionalProperties: false, properties: { version, format } },
  VersionXml: { type: 'object', additionalProperties: false, properties: { version } },
} as const;

export type QuerySchema = keyof typeof querySchemas;

export type RequestSchema = keyof typeof requestSchemas;

const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
const validators = new Map<RequestSchema, ValidateFunction>(
  (Object.keys(requestSchemas) as RequestSchema[]).map((name) => [name, ajv.compile(requestSchemas[name])]),
);
// A query parameter is text in the address: "true" is read as a boolean, "20" as an integer; an absent one takes its default.
const queryAjv = new Ajv({ allErrors: false, strict: true, coerceTypes: true, useDefaults: true, verbose: true });
const queryValidators = new Map<QuerySchema, ValidateFunction>(
  (Object.keys(querySchemas) as QuerySchema[]).map((name) => [name, queryAjv.compile(querySchemas[name])]),
);

const TYPE_TEXT: Record<string, string> = { object: 'objek JSON', string: 'teks', integer: 'bilangan bulat', boolean: 'true atau false', array: 'daftar' };

/** One ajv error as a sentence naming the field (of a body) or the parameter (of a query). */
function explain(error: ErrorObject, what: 'Kolom' | 'Parameter'): string {
  const field = error.instancePath ? `"${error.instancePath.slice(1).replaceAll('/', '.')}"` : 'isi permintaan';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return `${what} "${String(p.missingProperty)}" wajib diisi.`;
    case 'additionalProperties': return what === 'Parameter' ? `Parameter "${String(p.additionalProperty)}" tidak dikenal di alamat ini.` : `Kolom "${String(p.additionalProperty)}" tidak dikenal di ${field}.`;
    case 'type': return `${what} ${field} harus berupa ${TYPE_TEXT[String(p.type)] ?? p.type}.`;
    case 'enum': return `${what} ${field} harus salah satu dari: ${(p.allowedValues as unknown[]).join(', ')}.`;
    case 'minLength': return `${what} ${field} paling sedikit ${String(p.limit)} karakter.`;
    case 'maxLength': return `${what} ${field} paling banyak ${String(p.limit)} karakter.`;
    case 'minimum': return `${what} ${field} paling kecil ${String(p.limit)}.`;
    case 'maximum': return `${what} ${field} paling besar ${String(p.limit)}.`;
    case 'minItems': return `${what} ${field} harus berisi paling sedikit ${String(p.limit)} unsur.`;
    case 'maxItems': return `${what} ${field} paling banyak berisi ${String(p.limit)} unsur.`;
    case 'pattern': return what === 'Parameter' ? `Parameter ${field} tidak berbentuk yang diminta (${error.parentSchema?.description ?? 'lihat /api/docs'}).` : `Kolom ${field} memuat karakter yang tidak diizinkan.`;
    case 'minProperties': return 'Sebutkan paling sedikit satu kolom yang diubah.';
    case 'oneOf': return 'Sebutkan tepat salah satu: "caseId" atau "businessKey".';
    default: return `${what} ${field} tidak sah (${error.message ?? error.keyword}).`;
  }
}

/** Middleware: the JSON body must match the named schema (an absent body counts as {}). */
export function validBody(name: RequestSchema): RequestHandler {
  const validate = validators.get(name) as ValidateFunction;
  return (req, _res, next) => {
    req.body ??= {};
    if (validate(req.body)) return next();
    const first = validate.errors?.[0];
    next(new ProtapError('BAD_INPUT', first ? explain(first, 'Kolom') : 'Isi permintaan tidak sah.', { field: first?.instancePath || undefined }));
  };
}

/** Middleware: the query string must match the named schema; the parameters, read as their types (and defaults), are kept for `queryOf`. */
export function validQuery(name: QuerySchema): RequestHandler {
  const validate = queryValidators.get(name) as ValidateFunction;
  return (req, res, next) => {
    const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
    const repeated = Object.keys(query).find((key) => typeof query[key] !== 'string');
    if (repeated !== undefined) return next(new ProtapError('BAD_INPUT', `Parameter "${repeated}" hanya boleh disebut sekali.`, { parameter: repeated }));
    if (validate(query)) {
      res.locals.query = query;
      return next();
    }
    const first = validate.errors?.[0] as ErrorObject;
    const parameter = first.instancePath.slice(1) || String((first.params as { additionalProperty?: string }).additionalProperty ?? '');
    next(new ProtapError('BAD_INPUT', explain(first, 'Parameter'), { parameter }));
  };
}

/** The query parameters `validQuery` read, as their types. */
export function queryOf<T>(res: Response): T {
  return res.locals.query as T;
}
