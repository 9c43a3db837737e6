/**
 * Reads SOP text in whatever form a court publishes it: the whole book through its Daftar Isi
 * (readSopBook, exactly as before), or — when the text has no Daftar Isi, or one that gives no
 * SOP — one unit's pages or single SOPs through the body's own headings (readSopBody).
 */
import { readSopBody } from './readSopBody.ts';
import { readSopBook, type SopBookReading } from './readSopBook.ts';

/** How the SOPs were found: through the book's Daftar Isi, or from the headings of the text itself. */
export interface SopTextReading extends SopBookReading {
  source: 'daftar-isi' | 'judul';
}

/** The SOPs of the text; undefined when it has none that can be recognised. */
export function readSopText(text: string): SopTextReading | undefined {
  const book = readSopBook(text);
  if (book && book.drafts.length > 0) return { ...book, source: 'daftar-isi' };
  const body = readSopBody(text);
  return body ? { ...body, source: 'judul' } : undefined;
}
