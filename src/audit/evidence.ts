/**
 * Signed evidence of one case (issue 17, point 5): what an auditor files when a case is disputed —
 * the case, the SHA-256 of the BPMN document it runs beside the hash pinned when it started, the
 * replay verdict, the newest signed checkpoint that saw the case and whether the store still
 * reaches the head it signed, and the log rows — signed with the office's checkpoint key, so a
 * file altered after it was made (a verdict turned "utuh", a row dropped) no longer verifies.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEntry } from '../runtime/caseRecord.ts';
import { nestingDepth } from '../runtime/dataNesting.ts';
import { ProtapError } from '../runtime/protapError.ts';
import type { LogRow, StoredCase } from '../store/caseStore.ts';
import { checkAgainstCheckpoint, checkpointProblem, fingerprintOf, signingKey, type Checkpoint, type CheckpointFinding } from './checkpoint.ts';
import type { CheckpointPlaces } from './checkpointFiles.ts';
import { canonical, sha256 } from '../chain/hashChain.ts';
import { replayCase, type ReplayReport, type ReplaySource } from './replay.ts';

export const EVIDENCE_KIND = 'bukti audit Protap';
/** The format of evidence made now; from /2 on the replay verdict's field is `intact`. */
export const EVIDENCE_FORMAT = 'protap-bukti/2';
/**
 * The formats `evidenceProblem` verifies. Files of /1, made before the rename, name the verdict
 * `utuh`; the signature covers the file as written, so they still verify, field and all.
 */
export const VERIFIED_FORMATS: readonly string[] = ['protap-bukti/1', EVIDENCE_FORMAT];

/** A log row as GET /api/cases/:id/log shows it: who, when and what from the hashed entry. */
export interface EvidenceLogRow {
  caseId: string;
  seq: number;
  at: string | null;
  actor: string | null;
  event: string | null;
  stateHash: string;
  prevHash: string;
  hash: string;
  /** The hashed entry, parsed; null when it cannot be read. */
  entry: HistoryEntry | null;
  /** The entry exactly as stored and hashed: sha256 of "caseId\nseq\nprevHash\nstateHash\nentryText" is `hash`. */
  entryText: string;
}

/** The checkpoint the case was checked against, and what it found. */
export interface EvidenceCheckpoint {
  name: string;
  at: string;
  fingerprint: string;
  /** The case's revision and entry hash the checkpoint signed. */
  revision: number;
  hash: string;
  /** Why the checkpoint file itself cannot be trusted, when it cannot (then `findings` is empty). */
  problem?: string;
  findings: CheckpointFinding[];
}

export interface CaseEvidence {
  jenis: typeof EVIDENCE_KIND;
  format: typeof EVIDENCE_FORMAT;
  kasus: { id: string; processId: string; version: number; businessKey?: string; status: string; startedAt: string };
  definisi: {
    version: number;
    /** SHA-256 of the BPMN document stored for the version now; null when none is stored. */
    sha256: string | null;
    /** The hash pinned in the case's START entry; null for cases started before it was pinned. */
    sha256SaatMulai: string | null;
    /** Whether the two agree; null when nothing was pinned. */
    sama: boolean | null;
  };
  putusanReplay: ReplayReport;
  titikPeriksa: EvidenceCheckpoint | null;
  /** Why no checkpoint was checked, when none was. */
  tanpaTitikPeriksa?: string;
  log: EvidenceLogRow[];
  keterangan: string;
  dibuatPada: string;
  dibuatOleh: string;
  /** The signing key's public half (SPKI PEM) and its fingerprint, inside the signed part. */
  publicKey: string;
  fingerprint: string;
  /** Ed25519 over the canonical JSON (RFC 8785) of every field above, base64. */
  signature: string;
}

const NOTE = 'Ditandatangani Ed25519 atas JSON kanonik (RFC 8785) semua kolom kecuali "signature". Hash setiap catatan log = SHA-256 dari "caseId\\nseq\\nprevHash\\nstateHash\\nentryText" atas teks entri tersimpan '
  + '(docs/durability.md); "putusanReplay" adalah hasil menjalankan ulang log saat bukti dibuat; "titikPeriksa" adalah titik periksa bertanda tangan terbaru yang memuat kasus ini.';

/** Entries nested deeper than this are carried as stored text: encoding them could run out of stack (a forged row; the API accepts 64 levels). */
const READABLE_DEPTH = 256;

/** Builds and signs the evidence of one case; an unknown case is CASE_NOT_FOUND. */
export async function caseEvidence(source: ReplaySource, caseId: string, places: CheckpointPlaces, generatedBy: string, at: string): Promise<CaseEvidence> {
  const stored = await source.store.getCase(caseId);
  if (!stored) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
  const rows = await source.store.log(caseId);
  const log = rows.map(logRowOf);
  const found = await source.store.definitionXml(stored.processId, stored.definitionVersion);
  const current = found ? sha256(found.xml) : null;
  const pinned = pinnedSource(log[0]?.entry);
  const key = signingKey(places.keyFile);
  const checked = await checkpointCheck(source, stored, places, key);
  const publicKey = createPublicKey(key);
  const unsigned: Omit<CaseEvidence, 'signature'> = {
    jenis: EVIDENCE_KIND,
    format: EVIDENCE_FORMAT,
    kasus: {
      id: stored.id, processId: stored.processId, version: stored.definitionVersion,
      ...(stored.businessKey !== undefined ? { businessKey: stored.businessKey } : {}), status: stored.status, startedAt: stored.startedAt,
    },
    definisi: { version: stored.definitionVersion, sha256: current, sha256SaatMulai: pinned, sama: pinned === null ? null : pinned === current },
    putusanReplay: await replayCase(source, caseId, stored),
    ...checked,
    log,
    keterangan: NOTE,
    dibuatPada: at,
    dibuatOleh: generatedBy,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
  };
  return { ...unsigned, signature: sign(null, Buffer.from(canonical(unsigned)), key).toString('base64') };
}

/**
 * Why an evidence file cannot be trusted, if it cannot: not Protap evidence of a format in
 * VERIFIED_FORMATS, altered since it was signed, or signed by another key than the office's
 * (`trusted`, when given).
 */
export function evidenceProblem(value: unknown, trusted?: KeyObject): string | undefined {
  const evidence = value as Partial<CaseEvidence> | null;
  if (!evidence || typeof evidence !== 'object' || evidence.jenis !== EVIDENCE_KIND || !VERIFIED_FORMATS.includes(String(evidence.format))
    || typeof evidence.signature !== 'string' || typeof evidence.publicKey !== 'string') {
    return 'Berkas ini bukan bukti audit Protap (format tidak dikenal).';
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(evidence.publicKey);
  } catch {
    return 'Kunci publik dalam bukti tidak dapat dibaca.';
  }
  const { signature, ...signed } = evidence;
  let text: string;
  try {
    text = canonical(signed);
  } catch {
    return 'Isi bukti tidak dapat dikodekan untuk diperiksa.';
  }
  if (!verify(null, Buffer.from(text), publicKey, Buffer.from(signature, 'base64'))) return 'Tanda tangan bukti tidak cocok: isinya diubah setelah ditandatangani.';
  if (evidence.fingerprint !== fingerprintOf(publicKey)) return 'Sidik kunci yang tertulis dalam bukti bukan sidik kunci publiknya.';
  const office = trusted && (trusted.type === 'public' ? trusted : createPublicKey(trusted));
  if (office && fingerprintOf(office) !== fingerprintOf(publicKey)) {
    return `Bukti ditandatangani kunci lain (sidik ${fingerprintOf(publicKey)}), bukan kunci kantor (sidik ${fingerprintOf(office)}).`;
  }
  return undefined;
}

/** The row as the API shows it; an entry that cannot be read (or nests past any form) is kept as its stored text. */
function logRowOf(row: LogRow): EvidenceLogRow {
  const chain = { caseId: row.caseId, seq: row.seq, stateHash: row.stateHash, prevHash: row.prevHash, hash: row.hash };
  let entry: HistoryEntry | undefined;
  try {
    const parsed = JSON.parse(row.entry) as unknown;
    if (parsed !== null && typeof parsed === 'object' && nestingDepth(parsed, READABLE_DEPTH) <= READABLE_DEPTH) entry = parsed as HistoryEntry;
  } catch {
    entry = undefined;
  }
  // Who, when and what from the hashed entry, never from the side columns (replay checks those agree).
  if (!entry) return { ...chain, at: null, actor: null, event: null, entry: null, entryText: row.entry };
  // The stored text too: with it anyone can recompute each hash, sha256("caseId\nseq\nprevHash\nstateHash\nentryText").
  return { ...chain, at: entry.at ?? null, actor: entry.actor ?? null, event: entry.event ?? null, entry, entryText: row.entry };
}

/** The BPMN hash pinned in the START entry, if the case pinned one. */
function pinnedSource(first: HistoryEntry | null | undefined): string | null {
  const source = first?.command?.source;
  return typeof source === 'string' ? source : null;
}

/**
 * The checkpoints in the folder, newest first, each read only when asked for (a file that does not
 * parse is passed over). Their names carry the instant they were signed, so the names sort by time;
 * a year of daily checkpoints of 100,000 cases is gigabytes, and only the newest few are read.
 */
export function* checkpointsNewestFirst(places: CheckpointPlaces): Generator<{ name: string; checkpoint: Checkpoint }> {
  if (!existsSync(places.folder)) return;
  for (const name of readdirSync(places.folder).filter((file) => /^titik-periksa-.*\.json$/.test(file)).sort().reverse()) {
    let checkpoint: Checkpoint;
    try {
      checkpoint = JSON.parse(readFileSync(join(places.folder, name), 'utf8')) as Checkpoint;
    } catch {
      continue;
    }
    yield { name, checkpoint };
  }
}

/**
 * Checks the case against the newest checkpoint that holds it. Checkpoints are read newest first;
 * one signed before the case started cannot hold it, nor can any older one, so reading stops there.
 */
async function checkpointCheck(source: ReplaySource, stored: StoredCase, places: CheckpointPlaces, key: KeyObject): Promise<Pick<CaseEvidence, 'titikPeriksa' | 'tanpaTitikPeriksa'>> {
  const started = Date.parse(stored.startedAt);
  let any = false;
  for (const { name, checkpoint } of checkpointsNewestFirst(places)) {
    any = true;
    if (Date.parse(checkpoint.at) < started) break;
    // A file is checked for its signature only once it names the case: its heads are read as untrusted data until then.
    const head = Array.isArray(checkpoint.heads) ? checkpoint.heads.find((h) => Array.isArray(h) && h[0] === stored.id) : undefined;
    if (!head) continue;
    const [, revision, hash] = head;
    const seen = { name, at: checkpoint.at, fingerprint: checkpoint.fingerprint, revision, hash };
    const problem = checkpointProblem(checkpoint, key);
    if (problem) return { titikPeriksa: { ...seen, problem, findings: [] } };
    return { titikPeriksa: { ...seen, findings: await checkAgainstCheckpoint(source.store, { ...checkpoint, heads: [head] }) } };
  }
  return {
    titikPeriksa: null,
    tanpaTitikPeriksa: any ? 'Belum ada titik periksa yang mencakup kasus ini: kasus dimulai setelah titik periksa terbaru.'
      : 'Belum ada titik periksa yang mencakup kasus ini: belum ada titik periksa yang ditandatangani.',
  };
}
