/**
 * A many-valued part of the SOP's identity (Dasar hukum, Kualifikasi pelaksana …) as the panel's
 * list group, the way bpmn-js-properties-panel shows its own lists: "+" adds an item (creating
 * the identity block when there is none, in the same command) and opens it for typing, each
 * item's text is edited in place, and its bin removes it — every change one step of undo.
 */
import { ListGroup, TextAreaEntry, isTextAreaEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { identityCommands, identityOf } from './identityEntry.ts';
import { executeAll, listOf, processOf, textOf, type BpmnFactory, type CommandStack, type DiagramElement, type ModdleElement, type Translate } from './sopElement.ts';

export type IdentityList = 'dasarHukum' | 'kualifikasiPelaksana' | 'keterkaitan' | 'peralatan' | 'peringatan' | 'pencatatan';

export interface ListSpec {
  property: IdentityList;
  /** The item's type in sop.moddle.json, e.g. `sop:DasarHukum`. */
  type: string;
  /** The group's title. */
  label: string;
  /** What one item is called, numbered on its text field ("Dasar hukum 2"). */
  item: string;
  /** Shown under each item's text and as the group's tooltip. */
  description: string;
}

export interface ListServices { commandStack: CommandStack; bpmnFactory: BpmnFactory; translate: Translate }

interface ItemProps { element: DiagramElement; id: string; item: ModdleElement; label: string; description: string }

function ItemText({ element, id, item, label, description }: ItemProps) {
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService('debounceInput');
  return TextAreaEntry({
    element, id, label, description, debounce, autoResize: true, rows: 2,
    getValue: () => textOf(item, 'text'),
    setValue: (value) => commandStack.execute('element.updateModdleProperties', { element, moddleElement: item, properties: { text: value?.trim() ? value : undefined } }),
  });
}

interface ShownItems { process: ModdleElement | undefined; list: ModdleElement[]; texts: string; items: unknown[] }

/**
 * The items last shown per element and list. ListGroup opens an item just added only if no render
 * with a new `items` array comes between the click and the item: a field committed on blur by
 * that very click (the Nomor just typed) re-rendered the panel, and the new item stayed shut. The
 * same items are handed back while the list is unchanged, so such a render changes nothing.
 */
const shown = new WeakMap<DiagramElement, Map<IdentityList, ShownItems>>();

/** The list group of one part of the identity, with the items the process has now. */
export function identityListGroup(element: DiagramElement, spec: ListSpec, services: ListServices) {
  const process = processOf(element);
  const list = listOf(identityOf(process), spec.property);
  const texts = JSON.stringify(list.map((item) => textOf(item, 'text')));
  const write = (changed: ModdleElement[]) => {
    if (process) executeAll(services.commandStack, identityCommands(element, process, { [spec.property]: changed }, services.bpmnFactory));
  };
  const add = (event: Event) => {
    event.stopPropagation();
    write([...listOf(identityOf(process), spec.property), services.bpmnFactory.create(spec.type)]);
  };
  const byList = shown.get(element) ?? new Map<IdentityList, ShownItems>();
  shown.set(element, byList);
  const last = byList.get(spec.property);
  const same = last && last.process === process && last.texts === texts && (last.list === list || list.length === 0);
  const items = same ? last.items : itemsOf(element, spec, list, write);
  if (!same) byList.set(spec.property, { process, list, texts, items });
  return { id: `sop-${spec.property}`, label: spec.label, tooltip: spec.description, component: ListGroup, translate: services.translate, add, items };
}

function itemsOf(element: DiagramElement, spec: ListSpec, list: ModdleElement[], write: (changed: ModdleElement[]) => void): unknown[] {
  const process = processOf(element);
  return list.map((item, index) => {
    const id = `sop-${spec.property}-${index}`;
    return {
      id,
      label: textOf(item, 'text'),
      autoFocusEntry: `${id}-teks`,
      entries: [{ id: `${id}-teks`, component: ItemText, isEdited: isTextAreaEntryEdited, item, label: `${spec.item} ${index + 1}`, description: spec.description }],
      remove: (event: Event) => {
        event.stopPropagation();
        write(listOf(identityOf(process), spec.property).filter((kept) => kept !== item));
      },
    };
  });
}

const LISTS: ListSpec[] = [
  { property: 'dasarHukum', type: 'sop:DasarHukum', label: 'Dasar hukum', item: 'Dasar hukum', description: 'Peraturan perundang-undangan yang mendasari prosedur ini, satu per butir, mis. "Undang-Undang Nomor 48 Tahun 2009 tentang Kekuasaan Kehakiman".' },
  { property: 'kualifikasiPelaksana', type: 'sop:KualifikasiPelaksana', label: 'Kualifikasi pelaksana', item: 'Kualifikasi', description: 'Kompetensi yang dibutuhkan para pelaksana, berlaku bagi semua pelaksana.' },
  { property: 'keterkaitan', type: 'sop:Keterkaitan', label: 'Keterkaitan (tambahan)', item: 'Keterkaitan', description: 'SOP yang dipanggil dan yang memanggil SOP ini dicantumkan otomatis di dokumen; tulis di sini keterkaitan lainnya.' },
  { property: 'peralatan', type: 'sop:Peralatan', label: 'Peralatan/perlengkapan', item: 'Peralatan', description: 'Peralatan dan perlengkapan yang dibutuhkan, mis. "Komputer dan printer".' },
  { property: 'peringatan', type: 'sop:Peringatan', label: 'Peringatan', item: 'Peringatan', description: 'Akibat bila SOP ini tidak dilaksanakan, mis. "Laporan terlambat disampaikan".' },
  { property: 'pencatatan', type: 'sop:Pencatatan', label: 'Pencatatan dan pendataan', item: 'Pencatatan', description: 'Apa yang dicatat dan didata para pelaksana, mis. "Buku register surat masuk".' },
];

/** The six list groups of the identity, in the order of the regulation's identity page. */
export function identityListGroups(element: DiagramElement, services: ListServices) {
  return LISTS.map((spec) => identityListGroup(element, spec, services));
}
