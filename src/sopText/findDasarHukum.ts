/**
 * The regulations an SOP's own text cites ("SEMA No.06 tahun 1992", "Pasal 45A Undang-Undang
 * No. 5 Tahun 2004 tentang Mahkamah Agung"), verbatim, for its Dasar Hukum. Only citations
 * with a number and a year count: "Surat Edaran Menteri Keuangan" alone names no regulation.
 */

const NUMBER_YEAR = String.raw`No(?:mor)?\.?\s*[\w/.-]*\d[\w/-]*\s+[Tt]ahun\s+\d{4}`;
const TITLE = String.raw`(?:\s+tentang\s+(?:(?!\s+jo\.?\s)[^.,;()])+)?`;
const CITATION = new RegExp(
  String.raw`(?:Pasal\s+\d+[A-Z]?\s+(?:ayat\s+\(\d+\)\s+)?)?` +
  String.raw`(?:Undang-Undang|UU|SEMA|PERMA|Perma|Peraturan\s+Pemerintah|PP|Keppres|Perpres|Permenpan(?:\s*RB)?|SK\s*KMA|Surat\s+Edaran\s+Mahkamah\s+Agung|Peraturan\s+Mahkamah\s+Agung)` +
  String.raw`\s+${NUMBER_YEAR}${TITLE}`,
  'g',
);

/** Every distinct regulation cited in the text, in order of first citation. */
export function findDasarHukum(text: string): string[] {
  const found: string[] = [];
  for (const m of text.replace(/\s+/g, ' ').matchAll(CITATION)) {
    const citation = m[0].trim();
    if (!found.includes(citation)) found.push(citation);
  }
  return found;
}
