/**
 * The names of a definition's elements by id, read from the BPMN it was deployed from — where the
 * server offers that document (GET /api/definitions/:processId/xml) — so the history can say
 * "Menyelesaikan Mengetik laporan" instead of only the step id. Names only: the standard BPMN
 * `name` attribute, no sop: attribute is read here.
 */
import type { CaseContext } from './caseContext.ts';

const XML_ROUTE = '/api/definitions/{processId}/xml';

export async function stepNames({ api, routes }: CaseContext, processId: string, version: number): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!routes.has('get', XML_ROUTE)) return names;
  try {
    const xml = await api.text(`/api/definitions/${encodeURIComponent(processId)}/xml`, { version });
    const document = new DOMParser().parseFromString(xml, 'application/xml');
    for (const element of document.querySelectorAll('[id][name]')) names.set(element.getAttribute('id') ?? '', element.getAttribute('name') ?? '');
  } catch {
    // Without the document the history shows step ids; the case itself is still shown.
  }
  return names;
}
