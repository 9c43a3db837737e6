/**
 * HTTPS for an office server: the certificate and key files (PEM) named by PROTAP_TLS_CERT and
 * PROTAP_TLS_KEY, read and checked before any port is taken, so an unreadable file, a file that is
 * not PEM or a key that does not belong to the certificate stops the start with one line naming it.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { oneLine, StartFailure } from './startFailure.ts';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** The certificate's subject, names and end of validity, for the start log. */
  subject: string;
  names: string;
  validTo: string;
  expired: boolean;
}

/** Reads and checks the certificate and its private key. */
export function readTlsFiles(certFile: string, keyFile: string, now = new Date()): TlsFiles {
  const cert = readPem(certFile, 'sertifikat TLS (PROTAP_TLS_CERT)');
  const key = readPem(keyFile, 'kunci TLS (PROTAP_TLS_KEY)');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (error) {
    throw new StartFailure(`berkas sertifikat TLS ${certFile} bukan sertifikat PEM yang sah (PROTAP_TLS_CERT): ${oneLine(error)}.`, { cause: error });
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new StartFailure(`berkas kunci TLS ${keyFile} bukan kunci privat PEM yang sah atau terkunci sandi (PROTAP_TLS_KEY): ${oneLine(error)}.`, { cause: error });
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new StartFailure(`kunci TLS ${keyFile} bukan pasangan sertifikat ${certFile} (periksa PROTAP_TLS_KEY dan PROTAP_TLS_CERT).`);
  }
  const validTo = new Date(certificate.validTo).toISOString();
  return {
    cert, key, validTo,
    subject: certificate.subject.replace(/\n/g, ', '),
    names: certificate.subjectAltName ?? '',
    expired: Date.parse(validTo) < now.getTime(),
  };
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'berkas tidak ada'
      : code === 'EACCES' ? 'tidak ada izin membaca (pengguna layanan perlu izin baca)'
        : code === 'EISDIR' ? 'itu folder, bukan berkas' : oneLine(error);
    throw new StartFailure(`berkas ${what} ${file} tidak dapat dibaca: ${why}.`, { cause: error });
  }
}
