/**
 * Guesses who performs a kegiatan from its text. The 2011 book has no Pelaksana columns
 * (sop-standard §2.2); actors appear only in the sentence, as its subject ("Ketua Pengadilan
 * Negeri menetapkan …"), as the agent of a passive ("… diteliti oleh Panitera Muda Perdata"),
 * or as the one a thing goes to for a passive task ("… kepada Wakil Panitera untuk dikoreksi").
 * A sentence that opens with an active verb ("Membuat …") has the unit itself as its subject.
 * Anything else goes to the unit's default lane and is reported, for a human to confirm.
 */
import { findActors, type ActorMention } from './findActors.ts';
import { DEFAULT_PELAKSANA } from './pelaksanaRoles.ts';
import type { UnitFolder } from './sopDraft.ts';

/** The role a step goes to; `guessed` is false when the text named none. */
export interface PelaksanaGuess {
  role: string;
  guessed: boolean;
}

const ACTIVE_VERB = /^\s*(?:\([^)]*\)\s*)?(?:(?:wajib|harus|dapat|juga|kemudian|lalu|selanjutnya)\s+)*me[a-z]{3,}/i;
// "… yang telah ditandatangani oleh X", "… untuk ditandatangani oleh X": X acts in a side clause.
const SIDE_CLAUSE_AGENT = /\b(?:yang|untuk)\s+(?:(?:telah|sudah|akan|selesai|harus|dapat)\s+)*di\s?\w+(?:\s*\/\s*di\w+)?(?:\s+\w+)?\s*$/i;
// "… terhitung tanggal pengucapan putusan oleh Majelis Hakim": an anchor in time, not the actor.
const TIME_CLAUSE = /\b(?:terhitung|sejak|setelah|sesudah|sebelum)\b/i;
const CONDITION = /^(?:jika|apabila|bila)\b[^,]*?(?:,|\bmaka\b)\s*/i;

function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf('('), before.lastIndexOf(')'), before.lastIndexOf(';'));
  return before.slice(cut + 1);
}

function agentOfPassive(text: string, mentions: ActorMention[]): string | undefined {
  for (const m of mentions) {
    const before = text.slice(0, m.start);
    if (!/\boleh\s+$/i.test(before)) continue;
    const lead = before.replace(/\s*oleh\s+$/i, ' ');
    if (SIDE_CLAUSE_AGENT.test(lead) || TIME_CLAUSE.test(clauseBefore(text, m.start))) continue;
    return m.role;
  }
  return undefined;
}

function subjectOf(text: string, mentions: ActorMention[]): string | undefined {
  const first = mentions[0];
  if (first && first.start === 0) return first.role;
  for (const m of mentions) {
    const before = text.slice(0, m.start);
    // "… dilaksanakan Panitera pengganti", "… ditangan Majelis Hakim": agent without "oleh".
    if (/\b(?:di\s?tangan|dilaksanakan|dilakukan)\s+$/i.test(before) && !SIDE_CLAUSE_AGENT.test(before)) return m.role;
    if (!/\b(?:kepada|ke|dari|untuk|pada|dengan)\s+$/i.test(before) && ACTIVE_VERB.test(text.slice(m.end))) return m.role;
  }
  return undefined;
}

function recipientWhoActs(text: string, mentions: ActorMention[]): string | undefined {
  for (const m of mentions) {
    const before = text.slice(0, m.start);
    const after = text.slice(m.end);
    if (/\b(?:kepada|ke)\s+$/i.test(before) && /^\s*(?:setempat\s+)?untuk\s+di\s?\w+/i.test(after)) return m.role;
    // "Laporan ditandatangankan ke Panitera dan Ketua": the signatory does the step.
    if (/\bdi\s?tanda\w*\s+(?:ke|kepada)\s+$/i.test(before)) return m.role;
  }
  return undefined;
}

/** The lane role for a kegiatan of an SOP of the given unit. */
export function guessPelaksana(text: string, folder: UnitFolder): PelaksanaGuess {
  const sentence = text.replace(CONDITION, '');
  const mentions = findActors(sentence);
  const opensWithVerb = /^me[a-z]{3,}/i.test(sentence.trim());
  const role = opensWithVerb
    ? agentOfPassive(sentence, mentions)
    : subjectOf(sentence, mentions) ?? agentOfPassive(sentence, mentions) ?? recipientWhoActs(sentence, mentions);
  return role ? { role, guessed: true } : { role: DEFAULT_PELAKSANA[folder], guessed: false };
}
