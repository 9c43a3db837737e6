/**
 * "Pratinjau dokumen SOP" at the top of a process's identity: asks, through the event bus, for
 * the official document of this process as drawn now. The modeler's owner (sopEditor.ts) answers
 * it the way it answers its toolbar's "Dokumen SOP"; the panel knows nothing of the server.
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { processOf } from './sopElement.ts';

/** The event fired, with `{ processId }`. */
export const DOCUMENT_PREVIEW_EVENT = 'sopDocument.preview';

interface EventBus { fire(type: string, data: unknown): void }

function PreviewLink({ element, id }: EntryProps) {
  const eventBus = useService<EventBus>('eventBus');
  const processId = processOf(element)?.id;
  if (!processId) return null;
  return h('div', { class: 'bio-properties-panel-entry sop-pratinjau', 'data-entry-id': id },
    h('button', {
      type: 'button', class: 'sop-tautan',
      title: 'Dokumen SOP resmi dari diagram ini, termasuk perubahan yang belum di-deploy',
      onClick: () => eventBus.fire(DOCUMENT_PREVIEW_EVENT, { processId }),
    }, 'Pratinjau dokumen SOP'));
}

export const documentPreviewEntry: PanelEntry = { id: 'sop-pratinjau-dokumen', component: PreviewLink, isEdited: () => false };
