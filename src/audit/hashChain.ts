/**
 * The evidence encoding of the event log (DESIGN.md decision 6). A log entry is stored as JSON
 * text and hashed as stored, so anyone can recompute its hash from the stored bytes alone. A
 * state is hashed over canonical JSON (RFC 8785, through the `canonicalize` package: sorted keys,
 * one number format), because replay recomputes it from a replayed snapshot and must reach the
 * same bytes. An entry's hash covers the case, its sequence number, the previous entry's hash,
 * the hash of the state it led to, and the entry's own text: changing any of them, or dropping an
 * entry, breaks the chain.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous hash of a case's first log entry. */
export const GENESIS_HASH = '0'.repeat(64);

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Canonical JSON of a value (undefined properties dropped, as JSON does). */
export function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Nilai tidak dapat dikodekan sebagai JSON kanonik.');
  return text;
}

/** The hash of one log entry, given the stored texts. */
export function entryHash(caseId: string, seq: number, prevHash: string, stateHash: string, entryText: string): string {
  return sha256(`${caseId}\n${seq}\n${prevHash}\n${stateHash}\n${entryText}`);
}
