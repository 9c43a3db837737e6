/**
 * The OpenAPI 3.1 description of the API, served at /api/openapi.json and shown by Swagger UI
 * (swagger-ui-dist, served from node_modules — no network needed) at /api/docs. Request bodies
 * and query parameters come from schemas.ts, the same schemas the server validates with.
 */
import { querySchemas, requestSchemas, type QuerySchema, type RequestSchema } from './schemas.ts';

type Operation = {
  summary: string;
  body?: RequestSchema | 'xml';
  ok: number;
  okDescription?: string;
  /** The answer's media type when it is not JSON. */
  okType?: string;
  /** The answer's schema (components/schemas), where it is described. */
  okSchema?: { $ref: string } | { type: 'array'; items: { $ref: string } };
  /** The query string's schema (schemas.ts), each property one parameter. */
  query?: QuerySchema;
  path?: string[];
  roles?: string;
  public?: boolean;
  errors?: number[];
};

const OPERATIONS: Record<string, Record<string, Operation>> = {
  '/api/health': { get: { summary: 'Keadaan server, dan zona waktu kantor (`zone` IANA, `zona` WIB/WITA/WIT: PROTAP_ZONA) yang dipakai aplikasi web', ok: 200, public: true } },
  '/api/login': { post: { summary: 'Masuk: nama login dan kata sandi → token bearer (12 jam) dan pengguna (`user.mustChangePassword`: kata sandi harus diganti dulu). Setelah 10 kata sandi salah berturut-turut akun dikunci sementara (15 menit, bertambah panjang); satu alamat paling banyak 100 kegagalan per 15 menit: 429 TOO_MANY_ATTEMPTS dengan Retry-After', body: 'Login', ok: 200, public: true, errors: [400, 401, 429] } },
  '/api/logout': { post: { summary: 'Keluar: mengakhiri sesi token ini', ok: 204 } },
  '/api/me': { get: { summary: 'Pengguna yang sedang masuk: peran, unit kerja, `permissions` (izin yang diberikan perannya: deploy, act, manageUsers, administer, oversee, audit) dan `mustChangePassword` (true: kata sandi harus diganti dulu)', ok: 200 } },
  '/api/me/password': {
    post: {
      summary: 'Mengganti kata sandi sendiri: `current` harus benar (salah → 400 BAD_INPUT dengan field current, dihitung sebagai percobaan masuk yang gagal), `password` paling sedikit 10 karakter dan berbeda; sesi lain orang itu berakhir, sesi ini tetap; `mustChangePassword` menjadi false',
      body: 'PasswordChange', ok: 204, errors: [400, 429],
    },
  },
  '/api/people': { get: { summary: 'Nama semua pengguna, untuk menampilkan nama alih-alih nama login: [{id, name}] (tanpa peran, tanpa hash)', ok: 200 } },
  '/api/units': { get: { summary: 'Unit kerja yang disebut identitas SOP yang di-deploy, berurutan (pilihan unit pengguna)', ok: 200 } },
  '/api/users': {
    get: { summary: 'Daftar pengguna: nama lengkap (`name`), peran, unit, nonaktif, mustChangePassword (tanpa hash)', ok: 200, roles: 'admin', errors: [403] },
    post: { summary: 'Menambah pengguna. Kata sandinya harus diganti saat pertama masuk (`mustChangePassword`, bawaan true)', body: 'NewUser', ok: 201, roles: 'admin', errors: [400, 403, 409] },
  },
  '/api/users/{id}': { patch: { summary: 'Mengubah nama lengkap (`name`), peran, unit (teks kosong menghapusnya), kata sandi, atau menonaktifkan pengguna; admin aktif terakhir tidak dapat dinonaktifkan atau kehilangan peran admin (409)', body: 'UserChange', ok: 200, path: ['id'], roles: 'admin', errors: [400, 403, 404, 409] } },
  '/api/users/{id}/reset-password': {
    post: {
      summary: 'Mengatur ulang kata sandi: {password} sekali pakai, dibuat server dan hanya dijawab sekali; semua sesi orang itu berakhir dan ia harus menggantinya saat masuk',
      ok: 200, path: ['id'], roles: 'admin', errors: [403, 404],
    },
  },
  '/api/definitions': {
    get: { summary: 'SOP yang di-deploy, tiap versi; `mayStart`: apakah peran Anda boleh memulainya (lajur start event, atau `sop:dimulaiOleh`); `startForm` (skema form-js) bila memulai kasus perlu menjawab sesuatu', ok: 200 },
    post: { summary: 'Men-deploy diagram BPMN (versi baru; kasus berjalan tetap pada versinya)', body: 'xml', ok: 201, roles: 'analis, admin', errors: [403, 413, 415, 422] },
  },
  '/api/definitions/validate': {
    post: {
      summary: 'Memeriksa diagram BPMN tanpa men-deploy: {valid, processes, problems, warnings}; XML rusak → valid false dengan masalahnya',
      body: 'xml', ok: 200, errors: [413, 415],
    },
  },
  '/api/definitions/document': {
    post: {
      summary: 'Dokumen SOP resmi (Permenpan RB 35/2012: bagian identitas dan bagan alir) dari diagram BPMN yang dikirim, belum perlu di-deploy (pratinjau pemodel). PDF dicetak Chromium server; tanpa Chromium → 503 PDF_UNAVAILABLE',
      body: 'xml', ok: 200, okType: 'text/html', errors: [400, 413, 415, 422, 503],
      query: 'DraftDocument',
    },
  },
  '/api/definitions/{processId}/document': {
    get: {
      summary: 'Dokumen SOP resmi (Permenpan RB 35/2012) dari versi yang di-deploy; keterkaitan dibaca dari SOP lain yang di-deploy', ok: 200, okType: 'text/html',
      okDescription: 'HTML A4 lanskap siap cetak, atau PDF (format=pdf)', path: ['processId'],
      query: 'VersionDocument', errors: [400, 404, 503],
    },
  },
  '/api/definitions/{processId}': {
    get: { summary: 'Versi-versi satu SOP, terbaru dulu: {processId, name, versions: [{version, deployedAt, deployedBy, kodeBuku}]}', ok: 200, path: ['processId'], errors: [404] },
  },
  '/api/definitions/{processId}/xml': {
    get: {
      summary: 'Dokumen BPMN yang di-deploy (untuk editor)', ok: 200, okType: 'application/xml',
      okDescription: 'Dokumen BPMN 2.0; header Protap-Definition-Version menyebut versinya', path: ['processId'],
      query: 'VersionXml', errors: [400, 404],
    },
  },
  '/api/cases': {
    get: {
      summary: 'Daftar kasus, terbaru dulu: hanya SOP yang boleh Anda baca (peran lajurnya atau unit kerja Anda; pimpinan, auditor, analis dan admin: semua). Satu halaman (`limit`); bila masih ada, header `Protap-Next-Cursor` berisi nilai `cursor` untuk halaman berikutnya', ok: 200, errors: [400],
      query: 'CaseList',
    },
    post: { summary: 'Memulai kasus (header Idempotency-Key opsional); hanya pemegang peran lajur start event SOP (atau `sop:dimulaiOleh`), pimpinan dan admin', body: 'StartCase', ok: 201, roles: 'pelaksana lajur awal SOP, pimpinan, admin', errors: [400, 403, 404, 422] },
  },
  '/api/cases/{id}': { get: { summary: 'Satu kasus: langkah aktif dengan tenggat dan formulirnya, variabel, riwayat (403 bagi orang di luar SOP dan unitnya)', ok: 200, okSchema: { $ref: '#/components/schemas/Case' }, path: ['id'], errors: [403, 404] } },
  '/api/cases/{id}/log': { get: { summary: 'Log kasus berantai hash (bukti untuk auditor)', ok: 200, path: ['id'], errors: [403, 404] } },
  '/api/cases/{id}/replay': { get: { summary: 'Replay: `intact` true bila utuh; bila rusak false, dengan nomor catatan pertama yang rusak (`badSeq`) dan alasannya (`reason`)', ok: 200, path: ['id'], errors: [403, 404] } },
  '/api/cases/{id}/evidence': {
    get: {
      summary: 'Bukti audit satu kasus sebagai berkas JSON bertanda tangan (Ed25519, kunci titik periksa): kasus, hash SHA-256 dokumen BPMN versinya dan hash yang dipatok saat kasus dimulai, putusan replay (`putusanReplay.intact`; bukti format protap-bukti/1 menamainya `utuh`), titik periksa terbaru yang memuat kasus dan temuannya, dan log',
      ok: 200, okDescription: 'Bukti bertanda tangan; header Content-Disposition menamai berkasnya bukti-<id>.json', path: ['id'], roles: 'pimpinan, auditor, analis, admin', errors: [403, 404],
    },
  },
  '/api/cases/{id}/steps/{stepId}/complete': {
    post: {
      summary: 'Menyelesaikan langkah (hanya pemegang peran lajurnya; header Idempotency-Key opsional). `data` harus sesuai formulir langkah (`form`): kolom tak dikenal, jenis nilai salah, atau kolom wajib kosong → 422 BAD_STEP_DATA dengan `field` dan `label`; kasus tidak berubah',
      body: 'CompleteStep', ok: 200, okSchema: { $ref: '#/components/schemas/CommandAnswer' }, path: ['id', 'stepId'], roles: 'peran sop:pelaksana lajur langkah', errors: [400, 403, 404, 409, 422],
    },
  },
  '/api/cases/{id}/steps/{stepId}/claim': {
    post: {
      summary: 'Mengambil (klaim) langkah terbuka: sampai selesai atau dilepas, hanya pengambilnya yang dapat menyelesaikannya; diambil orang lain → 409 STEP_CLAIMED; mengambil lagi klaim sendiri tidak mengubah apa pun',
      body: 'ClaimStep', ok: 200, path: ['id', 'stepId'], roles: 'peran sop:pelaksana lajur langkah', errors: [400, 403, 404, 409, 422],
    },
    delete: { summary: 'Melepas klaim langkah (pengambilnya atau admin); langkah tanpa klaim tidak berubah', ok: 200, path: ['id', 'stepId'], roles: 'pengambil klaim, admin', errors: [403, 404, 409] },
  },
  '/api/messages': { post: { summary: 'Mengantar pesan ke kasus (menurut id atau nomor); hanya pemegang peran lajur penerima pesan itu di SOP kasus, pimpinan dan admin', body: 'Message', ok: 200, roles: 'pelaksana lajur penerima pesan, pimpinan, admin', errors: [400, 403, 404, 409] } },
  '/api/roles': { get: { summary: 'Peran pelaksana yang dikenal: dari lajur SOP yang di-deploy dan dari orang-orang kantor', ok: 200 } },
  '/api/worklist': { get: { summary: 'Langkah terbuka untuk peran pengguna (peran lain: pimpinan, auditor, analis, admin), masing-masing dengan formulirnya; tenggat terdekat dulu. Satu halaman (`limit`); bila masih ada, header `Protap-Next-Cursor` berisi nilai `cursor` untuk halaman berikutnya', ok: 200, okSchema: { type: 'array', items: { $ref: '#/components/schemas/WorklistRow' } }, query: 'Worklist', errors: [400, 403] } },
  '/api/calendar': { get: { summary: 'Kalender kerja yang berlaku: zona, versi, data tiap tahun', ok: 200 } },
  '/api/calendar/{year}': {
    get: { summary: 'Data libur nasional dan cuti bersama satu tahun', ok: 200, path: ['year'], errors: [400] },
    put: { summary: 'Menerbitkan data tahun yang dikoreksi (SKB baru): versi berikutnya; tenggat terbuka yang belum lewat dihitung ulang dan dicatat di kasusnya', body: 'CalendarYear', ok: 200, path: ['year'], roles: 'admin', errors: [400, 403] },
  },
  '/api/audit/checkpoints': {
    get: { summary: 'Titik periksa audit yang sudah ditandatangani, terbaru dulu: {name, at, cases, events, root, fingerprint}', ok: 200, roles: 'pimpinan, auditor, analis, admin', errors: [403] },
    post: { summary: 'Menandatangani titik periksa sekarang: ujung log setiap kasus, kunci Ed25519 di luar folder data', ok: 201, roles: 'auditor, admin', errors: [403] },
  },
  '/api/audit/replay-all': {
    get: { summary: 'Pemeriksaan semua kasus yang sedang berjalan, atau yang terakhir selesai: {id, startedAt, status: berjalan | selesai | gagal, checked, total, bad: [{caseId, badSeq, reason}], finishedAt, checkpoint: {name, at, problem, findings}}; null bila belum pernah dijalankan', ok: 200, roles: 'pimpinan, auditor, analis, admin', errors: [403] },
    post: { summary: 'Memulai pemeriksaan semua kasus di latar belakang: replay setiap kasus, lalu penyimpanan terhadap titik periksa terbaru; bila satu sedang berjalan, jawabannya pemeriksaan itu', ok: 202, roles: 'auditor, admin', errors: [403] },
  },
  '/api/audit/checkpoints/{name}': {
    get: { summary: 'Berkas titik periksa (JSON bertanda tangan) untuk disalin ke tempat lain; protap replay --all --checkpoint BERKAS membuktikan penyimpanan terhadapnya', ok: 200, okType: 'application/json', path: ['name'], roles: 'pimpinan, auditor, analis, admin', errors: [403, 404] },
  },
  '/api/reports/compliance': { get: { summary: 'Kepatuhan tenggat per SOP, langkah dan pelaksana dalam satu periode', ok: 200, query: 'Compliance', roles: 'pimpinan, auditor, analis, admin', errors: [400, 403] } },
};

const STATUS_TEXT: Record<number, string> = {
  200: 'Berhasil', 201: 'Dibuat', 202: 'Diterima, dikerjakan di latar belakang', 204: 'Berhasil, tanpa isi', 400: 'Permintaan tidak sah', 401: 'Belum masuk atau sesi berakhir', 403: 'Peran tidak mengizinkan',
  404: 'Tidak ditemukan', 409: 'Bertentangan dengan keadaan kasus (mis. revisi berbeda)', 413: 'Isi terlalu besar', 415: 'Jenis isi tidak didukung', 422: 'Tidak dapat diproses',
  429: 'Terlalu banyak percobaan (lihat Retry-After)', 502: 'Pembuat PDF gagal', 503: 'Sementara tidak tersedia (mis. PDF tanpa Chromium)',
};

const problem = { $ref: '#/components/schemas/Problem' };

/** Request bodies a client may leave out. */
const OPTIONAL_BODIES: readonly Operation['body'][] = ['CompleteStep', 'ClaimStep'];

function operation(op: Operation) {
  const responses: Record<string, unknown> = {
    [op.ok]: {
      description: op.okDescription ?? STATUS_TEXT[op.ok],
      ...(op.okType ? { content: { [op.okType]: { schema: { type: 'string' } } } } : op.okSchema ? { content: { 'application/json': { schema: op.okSchema } } } : {}),
    },
  };
  for (const status of [...(op.public ? [] : [401]), ...(op.errors ?? [])]) {
    responses[status] = { description: STATUS_TEXT[status], content: { 'application/problem+json': { schema: problem } } };
  }
  const parameters = [
    ...(op.path ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...Object.entries(op.query ? querySchemas[op.query].properties : {}).map(([name, { description, ...schema }]) => ({ name, in: 'query', required: false, description, schema })),
  ];
  return {
    summary: op.summary,
    ...(op.roles ? { description: `Peran: ${op.roles}.` } : {}),
    ...(op.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? {
      requestBody: {
        required: !OPTIONAL_BODIES.includes(op.body),
        content: op.body === 'xml'
          ? { 'application/xml': { schema: { type: 'string', description: 'Dokumen BPMN 2.0 (paling besar 5 MiB)' } } }
          : { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } },
      },
    } : {}),
    responses,
  };
}

const FIELD_TYPES = ['textfield', 'textarea', 'number', 'datetime', 'select', 'radio', 'checkbox', 'text', 'spacer', 'separator'];

/** The answers' shapes that carry a step's form. */
const responseSchemas = {
  StepForm: {
    type: 'object', required: ['type', 'id', 'schemaVersion', 'components'],
    description: 'Formulir langkah: skema form-js (bpmn.io). Pertanyaan keputusan sesudah langkah datang lebih dulu (wajib; `decision` = id gateway-nya, `description` = ke mana tiap jawaban menuju), lalu kolom tambahan analis. Tanpa kolom masukan: langkah tidak menerima data.',
    properties: {
      type: { const: 'default' }, id: { type: 'string' }, schemaVersion: { type: 'integer' },
      components: {
        type: 'array',
        items: {
          type: 'object', required: ['type'],
          properties: {
            id: { type: 'string' }, type: { enum: FIELD_TYPES }, key: { type: 'string', description: 'nama data dalam `data` penyelesaian' },
            label: { type: 'string' }, description: { type: 'string' }, text: { type: 'string' }, subtype: { const: 'date' },
            values: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' }, value: { type: ['string', 'number', 'boolean'] } } } },
            validate: { type: 'object', properties: { required: { type: 'boolean' } } },
            decision: { type: 'string', description: 'id gateway yang menanyakan kolom ini' },
          },
        },
      },
    },
  },
  StepView: {
    type: 'object', required: ['id', 'type', 'completion', 'startedAt', 'late'],
    properties: {
      id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, completion: { enum: ['person', 'message', 'child', 'inner'] },
      pelaksana: { type: 'string' }, waktu: { type: 'string' }, startedAt: { type: 'string' }, due: { type: 'string' }, late: { type: 'boolean' },
      no: { type: 'string' }, kelengkapan: { type: 'string' }, output: { type: 'string' }, keterangan: { type: 'string' },
      claimedBy: { type: 'string' }, openInstances: { type: 'array', items: { type: 'integer' } },
      form: { $ref: '#/components/schemas/StepForm' },
    },
  },
  Case: {
    type: 'object', required: ['id', 'processId', 'version', 'revision', 'status', 'activeSteps', 'vars'],
    properties: {
      id: { type: 'string' }, processId: { type: 'string' }, processName: { type: 'string' }, version: { type: 'integer' }, revision: { type: 'integer' },
      businessKey: { type: 'string' }, status: { type: 'string' }, startedAt: { type: 'string' }, endedAt: { type: 'string' },
      activeSteps: { type: 'array', items: { $ref: '#/components/schemas/StepView' } }, vars: { type: 'object' }, history: { type: 'array' },
      awaiting: {
        type: 'array', description: 'Peristiwa dari luar yang dapat diterima kasus sekarang (POST /api/messages dengan `message`)',
        items: {
          type: 'object', required: ['message', 'node', 'label', 'recordedBy', 'recordedByNames'],
          properties: {
            message: { type: 'string' }, node: { type: 'string' }, label: { type: 'string' }, form: { $ref: '#/components/schemas/StepForm' },
            recordedBy: { description: 'peran yang boleh mencatatnya (juga pimpinan dan admin), atau "semua"', oneOf: [{ type: 'array', items: { type: 'string' } }, { const: 'semua' }] },
            recordedByNames: { type: 'array', items: { type: 'string' }, description: 'peran itu menurut nama lajurnya' },
            mayRecord: { type: 'boolean', description: 'GET /api/cases/{id}: apakah penanya boleh mencatatnya' },
          },
        },
      },
    },
  },
  CommandAnswer: {
    type: 'object', required: ['id', 'processId', 'version', 'revision', 'status', 'activeSteps', 'vars', 'entries'],
    description: 'Jawaban perintah (mulai kasus, selesaikan/ambil/lepas langkah, pesan): kasus sesudah perintah, dengan catatan riwayat yang ditambahkan perintah itu di `entries`; riwayat utuh dibaca dengan GET /api/cases/{id}',
    properties: {
      id: { type: 'string' }, processId: { type: 'string' }, version: { type: 'integer' }, revision: { type: 'integer' }, status: { type: 'string' },
      activeSteps: { type: 'array', items: { $ref: '#/components/schemas/StepView' } }, vars: { type: 'object' }, entries: { type: 'array' },
    },
  },
  WorklistRow: {
    type: 'object', required: ['caseId', 'processId', 'stepId', 'startedAt', 'late', 'urgency'],
    properties: {
      caseId: { type: 'string' }, processId: { type: 'string' }, version: { type: 'integer' }, stepId: { type: 'string' }, name: { type: 'string' },
      pelaksana: { type: 'string' }, startedAt: { type: 'string' }, due: { type: 'string' }, late: { type: 'boolean' }, businessKey: { type: 'string' },
      claimedBy: { type: 'string' }, claimedAt: { type: 'string' }, form: { $ref: '#/components/schemas/StepForm' },
      urgency: { enum: ['terlambat', 'segera', 'biasa', 'tanpa-tenggat'], description: 'segera: jatuh tempo paling lambat akhir hari kerja berikutnya menurut kalender kantor' },
    },
  },
};

/** The OpenAPI document. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    paths[path] = Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(op)]));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Protap API', version,
      description: 'SOP pemerintah sebagai BPMN yang dijalankan: definisi, kasus, langkah, daftar kerja, log berantai hash, replay, laporan. Kesalahan dijawab sebagai application/problem+json (RFC 9457) dengan `code` dan `detail` berbahasa Indonesia. Selama kata sandi seseorang harus diganti (`mustChangePassword`), setiap panggilan selain GET /api/me, POST /api/me/password dan POST /api/logout dijawab 403 PASSWORD_CHANGE_REQUIRED.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token dari POST /api/login' } },
      schemas: {
        ...requestSchemas,
        Problem: {
          type: 'object', required: ['type', 'title', 'status', 'code', 'detail'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' }, instance: { type: 'string' },
            field: { type: 'string', description: 'BAD_STEP_DATA: nama data (key) kolom pertama yang salah' },
            label: { type: 'string', description: 'BAD_STEP_DATA: label kolom itu' },
            fields: { type: 'array', description: 'BAD_STEP_DATA: setiap kolom yang salah', items: { type: 'object', properties: { field: { type: 'string' }, label: { type: 'string' }, detail: { type: 'string' } } } },
          },
        },
        ...responseSchemas,
      },
    },
  };
}

/** Swagger UI's page, reading the document from this server. */
export const DOCS_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Protap API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });</script>
</body></html>`;
