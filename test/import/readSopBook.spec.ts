/**
 * Reading an SOP book in the PT Bandung 2011 layout, on a miniature book (readSopBook.mini.txt)
 * that has every quirk of the real one: bullets under a row number, waktu on the next line,
 * "Keterangan :" notes, a sentence broken over two bullets, conditions under a row, a heading
 * without a number, a heading that only groups others, a list that is not steps.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSopBook } from '../../src/sopText/readSopBook.ts';
import { guessPelaksana } from '../../src/sopText/guessPelaksana.ts';
import { splitWaktuCell } from '../../src/sopText/splitWaktuCell.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const book = readSopBook(readFileSync(path.join(here, 'readSopBook.mini.txt'), 'utf8'));
const draft = (id: string) => {
  const found = book?.drafts.find((d) => d.id === id);
  if (!found) throw new Error(`no draft ${id}`);
  return found;
};

describe('readSopBook on a miniature book', () => {
  it('finds every Daftar Isi heading that has steps, named by the book numbering', () => {
    expect(book?.drafts.map((d) => [d.id, d.kodeBuku, d.nama])).toEqual([
      ['umum-A', 'I.A', 'Surat Masuk'],
      ['umum-B-2', 'I.B.2', 'Pengelola Perpustakaan'],
      ['umum-B-2-a', 'I.B.2.a', 'Peminjaman Buku'],
      ['umum-B-3', 'I.B.3', 'Keamanan'],
      ['umum-B-3-pengamanan-tamu', 'I.B.3 Pengamanan Tamu', 'Pengamanan Tamu'],
      ['pidana-A', 'IV.A', 'Penyelesaian Perkara'],
      ['pidana-B', 'IV.B', 'Proses Kasasi'],
      ['pidana-C-1', 'IV.C.1', 'Aanmaning'],
    ]);
    expect(book?.notFound).toEqual([]);
  });

  it('says why the other headings have no SOP', () => {
    expect(book?.withoutSteps).toEqual([
      { kode: 'I.B', title: 'Rumah Tangga', reason: 'hanya mengelompokkan sub-judul di bawahnya' },
      { kode: 'I.B.1', title: 'Pelaksanaan Tugas', reason: 'hanya satu kalimat uraian tanpa waktu penyelesaian' },
      { kode: 'IV.C', title: 'Sita dan Eksekusi', reason: 'hanya mengelompokkan sub-judul di bawahnya' },
    ]);
  });

  it('fills the identity from the cover, the foreword and the unit', () => {
    expect(draft('pidana-A')).toMatchObject({
      folder: 'pidana', unit: 'Kepaniteraan Pidana', tanggalPembuatan: '2012-08-17',
      satker: 'Pengadilan Negeri di lingkungan Pengadilan Tinggi Contoh',
      dasarHukum: ['SEMA No.06 tahun 1992', 'Pasal 45A Undang-Undang No. 5 Tahun 2004 tentang Mahkamah Agung', 'SEMA No. 11 Tahun 2010'],
    });
    expect(draft('umum-A').unit).toBe('Sub Bagian Umum');
  });

  it('keeps a definition and a label out of the steps and numbers bullets by position', () => {
    const surat = draft('umum-A');
    expect(surat.documentation).toEqual([
      'Yang dimaksud surat masuk adalah semua surat dinas yang ditujukan ke Pengadilan Negeri.', 'Pengelolaan surat masuk',
    ]);
    expect(surat.steps.map((s) => [s.no, s.waktu])).toEqual([['1', '1 Hari'], ['2', '1 Hari'], ['3', '1 Hari']]);
  });

  it('takes a waktu printed on the line below its row, and leaves a blank cell blank', () => {
    expect(draft('umum-B-2').steps.map((s) => s.waktu)).toEqual(['1 Hari', '2 Hari']);
    const pinjam = draft('umum-B-2-a').steps;
    expect(pinjam.map((s) => [s.no, s.waktu])).toEqual([['1', '1 Hari'], ['2', undefined], ['3', '1 Hari']]);
    expect(pinjam[2]?.text).toBe('Membuat Surat Teguran kepada Peminjam Buku.');
  });

  it('attaches Keterangan notes, and the waktu after them, to the row above', () => {
    const periksa = draft('pidana-A').steps[1];
    expect(periksa?.waktu).toBe('90 Hari');
    expect(periksa?.notes).toEqual(['1. Tidak menyimpang dari SEMA No.06 tahun 1992.', '2. Putusan minimal 10 (sepuluh) hari sebelum waktu penahanan berakhir.']);
  });

  it('joins a sentence the PDF broke over two bullets', () => {
    const steps = draft('pidana-A').steps;
    expect(steps).toHaveLength(4);
    expect(steps[2]?.text).toBe('Putusan yang selesai diucapkan oleh Majelis Hakim, pada hari itu juga dapat diserahkan Salinannya kepada para pihak.');
  });

  it('keeps the qualifier printed before a cell as part of the waktu phrase', () => {
    expect(draft('pidana-B').steps.map((s) => s.waktu)).toEqual([
      'dalam tenggang waktu : 14 Hari', '14 Hari setelah permohonan Kasasi diajukan', 'paling lambat pada : Tanggal 3 tiap bulannya', undefined,
    ]);
    expect(draft('pidana-B').steps[0]?.text).toBe('Pernyataan Kasasi dapat diajukan');
  });

  it('makes one conditional waktu of the cells printed against a row\'s cases', () => {
    expect(draft('pidana-C-1').steps[1]?.waktu).toBe(
      '7 Hari Kerja (Untuk di dalam wilayah hukum Pengadilan Negeri) / 14 Hari Kerja (Apabila tempat tinggal Termohon berada di luar wilayah hukum Pengadilan Negeri ybs.)',
    );
  });

  it('does not read a list after "Kenyamanan :" as steps', () => {
    const tamu = draft('umum-B-3-pengamanan-tamu');
    expect(tamu.steps).toHaveLength(2);
    expect(tamu.documentation[0]).toBe('Kenyamanan :');
  });

  it('guesses the pelaksana or falls back to the unit\'s default lane', () => {
    expect(draft('umum-A').steps.map((s) => [s.pelaksana, s.pelaksanaGuessed])).toEqual([
      ['kasubag-umum', true], ['ketua-pn', true], ['panitera-sekretaris', true],
    ]);
    expect(draft('umum-B-2').steps.every((s) => s.pelaksana === 'kasubag-umum' && !s.pelaksanaGuessed)).toBe(true);
    expect(draft('pidana-C-1').steps.map((s) => s.pelaksana)).toEqual(['panmud-pidana', 'panmud-pidana', 'jurusita']);
  });

  it('returns nothing for a text without a Daftar Isi', () => {
    expect(readSopBook('Surat biasa.\n1. Satu. 1 Hari')).toBeUndefined();
  });
});

describe('guessPelaksana', () => {
  it.each([
    ['Ketua/Wakil Ketua Pengadilan Negeri mendisposisikan surat tersebut.', 'umum', 'ketua-pn'],
    ['Permohonan aanmaning yang diajukan diteliti kelengkapannya oleh Panitera Muda Perdata dan mencatatnya.', 'perdata', 'panmud-perdata'],
    ['Minutasi perkara banding dilaksanakan Panitera pengganti dan harus sudah diserahkan ke kepaniteraan Pidana.', 'pidana', 'panitera-pengganti'],
    ['Laporan bulanan tersebut diserahkan kepada Wakil Panitera untuk dikoreksi.', 'hukum', 'wakil-panitera'],
    ['Setelah terbit surat persetujuan dari KPKNL setempat, kemudian Pengadilan Tinggi membuat permohonan.', 'umum', 'pengadilan-tinggi'],
    ['Penandatanganan Surat Perintah Membayar (SPM) oleh Pejabat Penandatanganan Surat Perintah Membayar (SPM).', 'keuangan', 'ppspm'],
    ['Kontra Memori Kasasi dapat diserahkan oleh Termohon Kasasi.', 'perdata', 'termohon'],
  ])('reads "%s" as %s → %s', (text, folder, role) => {
    expect(guessPelaksana(text, folder as 'umum')).toEqual({ role, guessed: true });
  });

  it.each([
    // The signer of a side clause is not the one who does the step.
    ['Mengirimkan usulan yang telah ditandatangani oleh Ketua Pengadilan Negeri ke Pengadilan Tinggi.', 'kepegawaian', 'kasubag-kepegawaian'],
    ['Membuat Surat Perintah Membayar (SPM) untuk ditandatangani oleh Pejabat Penandatanganan SPM.', 'keuangan', 'kasubag-keuangan'],
    // A condition names who withdrew, not who notifies.
    ['Jika permohonan banding tersebut dicabut oleh pemohon banding, harus diberitahukan kepada Pengadilan Tinggi.', 'pidana', 'panmud-pidana'],
    ['Pengiriman berkas perkara banding terhitung tanggal pengucapan putusan oleh Majelis Hakim.', 'perdata', 'panmud-perdata'],
  ])('sends "%s" to the default lane of %s', (text, folder, role) => {
    expect(guessPelaksana(text, folder as 'umum')).toEqual({ role, guessed: false });
  });
});

describe('splitWaktuCell', () => {
  it.each([
    ['Pengiriman surat dilakukan melalui pos dan dilaksanakan setiap hari, sedangkan surat mendesak dikirim melalui kurir. 1 Hari', '1 Hari'],
    ['Perkara harus diajukan dalam tenggang waktu 14 hari setelah putusan diucapkan atau diberitahukan. 7 Hari', '7 Hari'],
    ['Menerima dan menyetorkan PNBP (kecuali hari jum’at libur dilaksanakan hari kerja sebelumnya). Setiap Jum’at', 'Setiap Jum’at'],
    ['Membuat Laporan ke KORWIL dari Sub Bag. Umum. Paling lambat tanggal 3 setiap bulannya diselesaikan 1 Hari Kerja', 'Paling lambat tanggal 3 setiap bulannya diselesaikan 1 Hari Kerja'],
    ['Putusan diberitahukan kepada pihak dalam waktu paling lama : 3 Hari setelah putusan diterima', 'dalam waktu paling lama : 3 Hari setelah putusan diterima'],
    ['Pemeriksaan perkara (diluar waktu mediasi yang diberikan). 150 Hari/5 Bulan', '150 Hari/5 Bulan'],
  ])('finds the cell of "%s"', (line, cell) => {
    expect(splitWaktuCell(line).cell).toBe(cell);
  });

  it.each([
    'Pengetikan DP3 diselesaikan selama 15 hari kerja untuk DP3 Hakim.',
    'Penyerahan Buku kepada peminjam dan pengembaliannya paling lama 1 minggu.',
  ])('finds no cell in "%s", whose time is part of the kegiatan', (line) => {
    expect(splitWaktuCell(line).cell).toBeUndefined();
  });
});
