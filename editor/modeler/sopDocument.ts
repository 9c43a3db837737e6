/**
 * The official SOP document (Permenpan RB 35/2012: identity page and flowchart table) as the
 * server writes it: of the diagram in the modeler, unsaved edits included (POST of its XML), or
 * of a deployed version (GET). The browser only shows and offers what the server made.
 */
import type { Api } from '../core/api.ts';

export type DocumentSource =
  /** The diagram as drawn now: its XML, and which of its processes. */
  | { kind: 'diagram'; processId: string; name?: string; xml: string }
  /** A deployed SOP: the given version, the newest when none is given. */
  | { kind: 'deployed'; processId: string; name?: string; version?: number };

export type DocumentFormat = 'html' | 'pdf';

const ACCEPT: Record<DocumentFormat, string> = {
  html: 'text/html, application/problem+json',
  pdf: 'application/pdf, application/problem+json',
};

function requestOf(source: DocumentSource, format: DocumentFormat) {
  const accept = ACCEPT[format];
  if (source.kind === 'diagram') {
    return { path: '/api/definitions/document', query: { format, process: source.processId }, options: { body: source.xml, accept } };
  }
  return { path: `/api/definitions/${encodeURIComponent(source.processId)}/document`, query: { format, version: source.version }, options: { accept } };
}

/** The document as an HTML page. */
export function documentHtml(api: Api, source: DocumentSource): Promise<string> {
  const { path, query, options } = requestOf(source, 'html');
  return api.text(path, query, options);
}

/** The document as a PDF (the server answers 503 PDF_UNAVAILABLE when it has no Chromium). */
export function documentPdf(api: Api, source: DocumentSource): Promise<Blob> {
  const { path, query, options } = requestOf(source, 'pdf');
  return api.blob(path, query, options);
}

/** What the dialog says the document is of. */
export function describeSource(source: DocumentSource): string {
  const name = source.name ?? source.processId;
  if (source.kind === 'diagram') return `${name}: diagram yang sedang dibuka, termasuk perubahan yang belum di-deploy.`;
  return `${name}: ${source.version === undefined ? 'versi terbaru' : `versi ${source.version}`} yang di-deploy.`;
}
