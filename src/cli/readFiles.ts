/** Reads BPMN files for the CLI, turning file-system failures into Indonesian messages. */
import { readFile } from 'node:fs/promises';

export type FileRead = { file: string; ok: true; xml: string } | { file: string; ok: false; message: string };

/** Reads each file as UTF-8 text. */
export async function readFiles(files: string[]): Promise<FileRead[]> {
  return Promise.all(files.map(async (file): Promise<FileRead> => {
    try {
      return { file, ok: true, xml: await readFile(file, 'utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'berkas tidak ditemukan' : code === 'EISDIR' ? 'ini folder, bukan berkas' : code === 'EACCES' ? 'tidak ada izin membaca berkas' : `berkas tidak dapat dibaca (${code ?? 'galat'})`;
      return { file, ok: false, message };
    }
  }));
}
