/**
 * The identity facts a whole SOP book gives every SOP in it: the satker named on the cover and
 * the date the book was finished (the foreword's "Bandung, 4 April 2011"), which Permenpan RB
 * 35/2012 calls the Tanggal Pembuatan. A single court's pages without the book's cover name the
 * court on a line of its own ("PENGADILAN NEGERI SUKAMAJU").
 */

/** What the cover and the foreword say, when they say it. */
export interface BookIdentity {
  satker?: string;
  /** ISO date, e.g. "2011-04-04". */
  tanggalPembuatan?: string;
}

const MONTHS = ['januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember'];

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** Reads the satker and the book's date from its cover and foreword. */
export function readBookIdentity(text: string): BookIdentity {
  const identity: BookIdentity = {};
  const cover = /PENGADILAN\s+NEGERI\s+DI\s+LINGKUNGAN\s+PENGADILAN\s+TINGGI\s+([A-Z]+(?:[ \t]+[A-Z]+)*)/.exec(text);
  if (cover?.[1]) {
    const place = cover[1].split(/\s+/).map(titleCase).join(' ');
    identity.satker = `Pengadilan Negeri di lingkungan Pengadilan Tinggi ${place}`;
  } else {
    // One court's own pages name it on a line of its own: "PENGADILAN NEGERI SUKAMAJU".
    const court = /^[ \t]*PENGADILAN[ \t]+NEGERI[ \t]+([A-Z]+(?:[ \t]+(?!KELAS\b)[A-Z]+)*)(?:[ \t]+KELAS[ \t]+[IV]+[ \t]*[AB]?)?[ \t]*$/m.exec(text);
    if (court?.[1] && !/^(?:DI|SE)\b/.test(court[1])) identity.satker = `Pengadilan Negeri ${court[1].split(/\s+/).map(titleCase).join(' ')}`;
  }
  // The foreword is signed "<tempat>, <tanggal> <bulan> <tahun>" on a line of its own.
  const signed = /^[A-Z][A-Za-z .]+,\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*$/m.exec(text);
  const month = MONTHS.indexOf((signed?.[2] ?? '').toLowerCase());
  if (signed && month >= 0) {
    identity.tanggalPembuatan = `${signed[3]}-${String(month + 1).padStart(2, '0')}-${(signed[1] ?? '').padStart(2, '0')}`;
  }
  return identity;
}
