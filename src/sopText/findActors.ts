/**
 * Finds the phrases in a kegiatan text that name a pelaksana role ("Ketua Pengadilan Negeri",
 * "Panmud Hukum", "bag. eksekusi", "Kuasa Pengguna Anggaran (KPA)"), with where they stand.
 * Where phrases overlap the longest wins, so "Ketua Pengadilan Tinggi" is the Pengadilan
 * Tinggi and not the Ketua PN.
 */

/** A role named in the text at [start, end). */
export interface ActorMention {
  role: string;
  start: number;
  end: number;
}

const UNIT_HEADS = ['umum', 'kepegawaian', 'keuangan'].flatMap((unit): [string, string][] => [
  [String.raw`(?:kepala\s+sub\s*bag(?:ian)?\.?|kasubb?ag)\s+${unit}`, `kasubag-${unit}`],
  // "Bagian Umum" / "Sub Bag. Umum": the section acts through its head.
  [String.raw`(?:sub\s*bag(?:ian)?\.?\s*|bagian\s+)${unit}`, `kasubag-${unit}`],
]);

const PHRASES: [string, string][] = [
  [String.raw`ketua\s+majelis(?:\s+hakim)?`, 'majelis-hakim'], [String.raw`majelis\s+hakim`, 'majelis-hakim'],
  [String.raw`hakim`, 'hakim'],
  [String.raw`(?:ketua\s+)?pengadilan\s+tinggi(?:\s+bandung)?`, 'pengadilan-tinggi'], [String.raw`ketua\s+pt`, 'pengadilan-tinggi'],
  [String.raw`(?:ketua\s+)?mahkamah\s+agung(?:\s+ri)?`, 'mahkamah-agung'],
  [String.raw`wakil\s+ketua(?:\s+pengadilan\s+negeri|\s+pn)?`, 'wakil-ketua-pn'],
  [String.raw`ketua(?:\s+pengadilan\s+negeri|\s+pn)?`, 'ketua-pn'], [String.raw`kpn`, 'ketua-pn'],
  [String.raw`wakil\s+panitera`, 'wakil-panitera'], [String.raw`wapan`, 'wakil-panitera'],
  [String.raw`wakil\s+sekretaris`, 'wakil-sekretaris'],
  [String.raw`(?:panitera\s+muda|panmud|kepaniteraan)\s+pidana`, 'panmud-pidana'],
  [String.raw`(?:panitera\s+muda|panmud|kepaniteraan)\s+perdata(?:\s*\/\s*bag(?:ian)?\.?\s*eksekusi)?`, 'panmud-perdata'],
  [String.raw`bag(?:ian)?\.?\s*eksekusi(?:\s+perdata)?`, 'panmud-perdata'],
  [String.raw`(?:panitera\s+muda|panmud|kepaniteraan)\s+hukum`, 'panmud-hukum'],
  [String.raw`panitera\s+pengganti`, 'panitera-pengganti'],
  [String.raw`panitera\s*\/?\s*sekretaris`, 'panitera-sekretaris'], [String.raw`pansek`, 'panitera-sekretaris'],
  [String.raw`panitera`, 'panitera-sekretaris'],
  [String.raw`juru\s*sita`, 'jurusita'],
  ...UNIT_HEADS,
  [String.raw`pembuat\s+pelaporan`, 'staf-keuangan'],
  [String.raw`bendahara\s+pengeluaran`, 'bendahara-pengeluaran'], [String.raw`bendahara\s+penerima(?:an)?`, 'bendahara-penerimaan'],
  [String.raw`bendahara`, 'bendahara-pengeluaran'],
  [String.raw`kuasa\s+(?:pengguna\s+)?anggaran(?:\s*\(\s*kpa\s*\))?`, 'kpa'], [String.raw`kpa`, 'kpa'],
  [String.raw`pejabat\s+pembuat\s+komitmen(?:\s*\(\s*ppk\s*\))?`, 'ppk'], [String.raw`ppk`, 'ppk'],
  [String.raw`pejabat\s+penandatangan(?:an)?\s+(?:surat\s+perintah\s+membayar(?:\s*\(\s*spm\s*\))?|spm)`, 'ppspm'],
  [String.raw`kejaksaan|(?:jaksa\s+)?penuntut\s+umum`, 'kejaksaan'],
  [String.raw`kppn|kantor\s+pelayanan\s+perbendaharaan\s+negara(?:\s*\(\s*kppn\s*\))?`, 'kppn'],
  [String.raw`kpknl|kantor\s+pelayanan\s+kekayaan\s+negara\s+dan\s+lelang(?:\s*\(\s*kpknl\s*\))?`, 'kpknl'],
  [String.raw`para\s+pihak|pihak\s+(?:pembanding|terbanding)|pembanding|terbanding`, 'para-pihak'],
  [String.raw`pemohon(?:\s+(?:kasasi|banding|peninjauan\s+kembali|pk|eksekusi))?`, 'pemohon'],
  [String.raw`termohon(?:\s+(?:kasasi|banding|peninjauan\s+kembali|pk|eksekusi))?`, 'termohon'],
  [String.raw`terdakwa`, 'terdakwa'],
  [String.raw`petugas\s+piket`, 'petugas-piket'],
  [String.raw`petugas\s+keamanan|satuan\s+pengamanan|satpam`, 'satpam'],
  [String.raw`petugas\s+kebersihan|petugas\s*\(\s*cleaning\s+service\s*\)|cleaning\s+service`, 'petugas-kebersihan'],
  [String.raw`petugas\s+arsip`, 'petugas-arsip'],
  [String.raw`tim\s+pemeriksa`, 'tim-pemeriksa'], [String.raw`(?:rapat\s+)?baperjakat`, 'baperjakat'],
  [String.raw`pihak\s+ketiga`, 'pihak-ketiga'],
];

const PATTERNS = PHRASES.map(([source, role]) => ({ role, regex: new RegExp(String.raw`(?<![\w-])(?:${source})(?![\w-])`, 'gi') }));

/** Every role mention in the text, left to right, overlaps resolved in favor of the longest. */
export function findActors(text: string): ActorMention[] {
  const all: ActorMention[] = [];
  for (const { role, regex } of PATTERNS) {
    for (const m of text.matchAll(regex)) all.push({ role, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: ActorMention[] = [];
  for (const mention of all) {
    const last = kept[kept.length - 1];
    if (last && mention.start < last.end) {
      if (mention.end - mention.start > last.end - last.start) kept[kept.length - 1] = mention;
      continue;
    }
    kept.push(mention);
  }
  return kept;
}
