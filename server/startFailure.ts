/**
 * A server that cannot start says why in one Indonesian line on stderr and exits 1: an office's IT
 * person reads the terminal or `journalctl -u protap`, not a JSON stack trace. `StartFailure`
 * carries a line already written for people; anything else is reduced to one line here.
 */

/** A reason not to start, written for the person who runs the server (one line, no stack). */
export class StartFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartFailure';
  }
}

/** What the system's error codes mean, for a file or a connection. */
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'tidak ada', EACCES: 'tidak ada izin', EPERM: 'tidak ada izin', ENOTDIR: 'bukan folder', EISDIR: 'itu folder, bukan berkas',
  EROFS: 'sistem berkas hanya-baca', ENOSPC: 'disk penuh', ECONNREFUSED: 'koneksi ditolak',
  ETIMEDOUT: 'waktu koneksi habis', ENOTFOUND: 'nama host tidak dikenal',
};

/** An error's message on one line: a system error said in Indonesian with its path or address, the first nested error's when it has none (pg's AggregateError), else its code. */
export function oneLine(error: unknown): string {
  let text = '';
  const system = error as { code?: string; path?: string; address?: string; port?: number };
  if (error instanceof Error && system.code && SYSTEM_REASONS[system.code]) {
    const where = system.path ?? (system.address ? `${system.address}${system.port ? `:${system.port}` : ''}` : undefined);
    if (where) return `${where}: ${SYSTEM_REASONS[system.code]} (${system.code})`;
  }
  if (error instanceof Error) {
    text = error.message;
    const nested = (error as { errors?: unknown[] }).errors;
    if (!text && Array.isArray(nested) && nested.length > 0) text = oneLine(nested[0]);
    if (!text) text = (error as { code?: string }).code ?? error.name;
  } else {
    text = String(error);
  }
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Runs one start step; a failure that is not already a StartFailure is said as "<what> gagal: <why>[; <hint>]". */
export async function during<T>(what: string, step: () => T | Promise<T>, hint?: string): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StartFailure) throw error;
    throw new StartFailure(`${what} gagal: ${oneLine(error)}${hint ? `; ${hint}` : ''}`, { cause: error });
  }
}

/** Why a listener could not take its port, naming the setting to change. */
export function listenFailure(error: unknown, host: string, port: number, variable: string): StartFailure {
  const code = (error as { code?: string }).code;
  const reason = code === 'EADDRINUSE' ? `port ${port} sudah dipakai program lain (ubah ${variable}).`
    : code === 'EACCES' ? `tidak diizinkan memakai port ${port}: port di bawah 1024 memerlukan hak root (ubah ${variable}, mis. 3443, atau pakai proksi balik).`
      : code === 'EADDRNOTAVAIL' ? `alamat ${host} bukan milik komputer ini (ubah HOST; 0.0.0.0 mendengarkan di semua antarmuka).`
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `nama HOST "${host}" tidak dapat diterjemahkan ke alamat (ubah HOST).`
          : `port ${port} tidak dapat dibuka: ${oneLine(error)}`;
  return new StartFailure(reason, { cause: error });
}

/** The line printed on stderr for a failed start. */
export function failureLine(error: unknown): string {
  return `Protap tidak dapat dimulai: ${oneLine(error)}`;
}
