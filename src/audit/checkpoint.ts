/**
 * Checkpoints that hold against whoever holds the database (issue 17, point 3): the head of every
 * case's hash chain — its id, revision and last hash — at one moment, signed with an Ed25519 key
 * kept outside the data folder, written to a file the office copies elsewhere. Checking the store
 * against a checkpoint proves it still holds everything the checkpoint saw, unchanged: a deleted
 * case, a log cut back (even with the case row put back as it was), or a history rewritten with
 * every hash recomputed no longer reaches the signed head. Whoever edits the database cannot sign
 * a new checkpoint without the key; the office compares the key's fingerprint with the one it
 * recorded when the key was made.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaseStore } from '../store/caseStore.ts';
import type { CheckpointFinding } from './auditShapes.ts';
import { canonical, sha256 } from '../chain/hashChain.ts';

export const CHECKPOINT_FORMAT = 'protap-checkpoint/1';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** When the heads were read (ISO). */
  at: string;
  cases: number;
  /** Log entries up to the heads (the sum of the revisions). */
  events: number;
  /** SHA-256 over the heads, one `id revision hash` line each, in id order. */
  root: string;
  /** [case id, revision, hash of that entry], in id order. */
  heads: [string, number, string][];
  /** The signing key's public half (SPKI PEM) and its fingerprint (SHA-256 of the DER). */
  publicKey: string;
  fingerprint: string;
  /** Ed25519 over the canonical JSON of every field above, base64. */
  signature: string;
}

export type { CheckpointFinding } from './auditShapes.ts';

/** The fingerprint an office records for its key: SHA-256 of the public key's DER, in hex groups. */
export function fingerprintOf(publicKey: KeyObject): string {
  const hex = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  return hex.match(/.{8}/g)?.join(' ') ?? hex;
}

/** The signing key at `path`, made (readable by its owner only) when there is none yet. */
export function signingKey(path: string): KeyObject {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return createPrivateKey(readFileSync(path, 'utf8'));
}

const rootOf = (heads: Checkpoint['heads']) => sha256(heads.map(([id, revision, hash]) => `${id} ${revision} ${hash}`).join('\n'));
const signedPart = ({ signature: _signature, ...rest }: Checkpoint) => Buffer.from(canonical(rest));

/** Reads every case's head from the store and signs them. */
export async function makeCheckpoint(store: CaseStore, at: string, key: KeyObject): Promise<Checkpoint> {
  const heads: Checkpoint['heads'] = [];
  for (let afterId = ''; ;) {
    const page = await store.listCases({ afterId, limit: 1000 });
    if (page.length === 0) break;
    for (const c of page) heads.push([c.id, c.revision, c.headHash]);
    afterId = page.at(-1)?.id ?? afterId;
  }
  heads.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const publicKey = createPublicKey(key);
  const unsigned: Checkpoint = {
    format: CHECKPOINT_FORMAT, at, cases: heads.length, events: heads.reduce((sum, h) => sum + h[1], 0), root: rootOf(heads), heads,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: fingerprintOf(publicKey), signature: '',
  };
  return { ...unsigned, signature: sign(null, signedPart(unsigned), key).toString('base64') };
}

/**
 * Why a checkpoint cannot be trusted, if it cannot: not a checkpoint, altered since it was signed,
 * or signed by another key than the office's (`trusted`, when given).
 */
export function checkpointProblem(value: unknown, trusted?: KeyObject): string | undefined {
  const cp = value as Partial<Checkpoint> | null;
  if (!cp || typeof cp !== 'object' || cp.format !== CHECKPOINT_FORMAT || !Array.isArray(cp.heads) || typeof cp.signature !== 'string' || typeof cp.publicKey !== 'string') {
    return 'Berkas ini bukan titik periksa Protap (format tidak dikenal).';
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(cp.publicKey);
  } catch {
    return 'Kunci publik dalam titik periksa tidak dapat dibaca.';
  }
  const full = cp as Checkpoint;
  if (!verify(null, signedPart(full), publicKey, Buffer.from(full.signature, 'base64'))) return 'Tanda tangan titik periksa tidak cocok: isinya diubah setelah ditandatangani.';
  if (rootOf(full.heads) !== full.root || full.cases !== full.heads.length) return 'Akar atau jumlah kasus titik periksa tidak sama dengan daftar ujungnya.';
  const office = trusted && (trusted.type === 'public' ? trusted : createPublicKey(trusted));
  if (office && fingerprintOf(office) !== fingerprintOf(publicKey)) {
    return `Titik periksa ditandatangani kunci lain (sidik ${fingerprintOf(publicKey)}), bukan kunci kantor (sidik ${fingerprintOf(office)}).`;
  }
  return undefined;
}

/** What in the store no longer reaches the heads of a (trusted) checkpoint: each case named with why. */
export async function checkAgainstCheckpoint(store: CaseStore, checkpoint: Checkpoint): Promise<CheckpointFinding[]> {
  const findings: CheckpointFinding[] = [];
  for (let start = 0; start < checkpoint.heads.length; start += 500) {
    const heads = checkpoint.heads.slice(start, start + 500);
    const logs = await store.logsOf(heads.map(([id]) => id));
    for (const [caseId, revision, hash] of heads) {
      const rows = logs.get(caseId) ?? [];
      const row = rows.find((r) => r.seq === revision);
      if (rows.length === 0) findings.push({ caseId, reason: `Kasus ${caseId} (${revision} catatan pada titik periksa ${checkpoint.at}) tidak ada lagi di penyimpanan.` });
      else if (!row) findings.push({ caseId, reason: `Catatan #${revision} kasus ${caseId} yang ada pada titik periksa ${checkpoint.at} hilang: log dipotong kembali.` });
      else if (row.hash !== hash) findings.push({ caseId, reason: `Catatan #${revision} kasus ${caseId} berbeda dari saat titik periksa ${checkpoint.at}: riwayatnya ditulis ulang.` });
    }
  }
  return findings;
}
