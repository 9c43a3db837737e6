/**
 * Where checkpoints and their signing key live: both outside the data folder, so a copy of the
 * database carries neither, and an office can copy the checkpoints elsewhere (another machine,
 * removable media, the monthly report). PROTAP_AUDIT_KEY names the key file and
 * PROTAP_CHECKPOINTS the folder; by default both sit beside the data folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CaseStore } from '../store/caseStore.ts';
import { makeCheckpoint, signingKey, type Checkpoint } from './checkpoint.ts';

export interface CheckpointPlaces { keyFile: string; folder: string }

export function checkpointPlaces(dataDir: string, env: NodeJS.ProcessEnv = process.env): CheckpointPlaces {
  const beside = dirname(resolve(dataDir));
  return {
    keyFile: resolve(env.PROTAP_AUDIT_KEY ?? join(beside, 'protap-audit-key.pem')),
    folder: resolve(env.PROTAP_CHECKPOINTS ?? join(beside, 'protap-checkpoints')),
  };
}

/** The file name of a checkpoint: its time, sortable, safe on every file system. */
export const checkpointName = (at: string) => `titik-periksa-${at.replace(/[:.]/g, '-')}.json`;

/** Makes, signs and writes a checkpoint of the store now; answers it and its path. */
export async function writeCheckpoint(store: CaseStore, places: CheckpointPlaces, at: string): Promise<{ checkpoint: Checkpoint; path: string }> {
  const checkpoint = await makeCheckpoint(store, at, signingKey(places.keyFile));
  mkdirSync(places.folder, { recursive: true });
  const path = join(places.folder, checkpointName(at));
  writeFileSync(path, `${JSON.stringify(checkpoint, null, 1)}\n`);
  return { checkpoint, path };
}

/** The checkpoints written so far, newest first, without their lists of heads. */
export function listCheckpoints(places: CheckpointPlaces): { name: string; at: string; cases: number; events: number; root: string; fingerprint: string }[] {
  if (!existsSync(places.folder)) return [];
  return readdirSync(places.folder).filter((name) => /^titik-periksa-.*\.json$/.test(name)).sort().reverse().flatMap((name) => {
    try {
      const { at, cases, events, root, fingerprint } = JSON.parse(readFileSync(join(places.folder, name), 'utf8')) as Checkpoint;
      return [{ name, at, cases, events, root, fingerprint }];
    } catch {
      return [];
    }
  });
}
