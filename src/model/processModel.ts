/**
 * The typed model of a BPMN process, as the compiler and the validation rules see it.
 * Built from bpmn-moddle objects by `src/bpmn/buildModel.ts`; nothing here knows XML.
 */
import type { FormField } from './formSchema.ts';

/** The kinds of event definition the model distinguishes. */
export type EventKind =
  | 'message' | 'timer' | 'error' | 'escalation' | 'terminate' | 'signal'
  | 'conditional' | 'link' | 'compensate' | 'cancel';

export interface TimerDefinition {
  type: 'timeDate' | 'timeDuration' | 'timeCycle';
  /** The expression text as written, trimmed; empty when the diagram leaves it blank. */
  value: string;
}

export interface EventDefinition {
  kind: EventKind;
  /** Message name, error code or escalation code; absent for a catch-all. */
  ref?: string;
  timer?: TimerDefinition;
}

export interface Condition {
  /** The expression language URI or name as written (`language` or the definitions' `expressionLanguage`). */
  language?: string;
  body: string;
}

/** A gateway's decision as the analyst states it: the question; each outgoing flow carries its answer. */
export interface Decision {
  /** `sop:pertanyaan`, e.g. "Berkas lengkap?" (the gateway's name when absent). */
  question?: string;
  /** `sop:variabel`: where the answer is kept; derived from the question when absent. */
  variable?: string;
}

/** The answer a flow out of a decision stands for (`sop:jawaban`, `sop:nilai`). */
export interface Answer {
  label: string;
  value?: string;
}

export interface VariableMapping {
  source: string;
  target: string;
}

export interface MultiInstance {
  sequential: boolean;
  /** `loopCardinality` expression, e.g. "3" or "jumlahSaksi". */
  cardinality?: string;
  /** `sop:koleksi`: a list variable; one instance per item. */
  collection?: string;
  /** `sop:elemen`: the variable each instance sees its item under (default `item`). */
  elementVariable: string;
  completionCondition?: string;
}

/** SOP attributes of a step (`sop:` extension on an activity). */
export interface StepAttributes {
  no?: string;
  waktu?: string;
  waktuDari?: string;
  kelengkapan?: string;
  output?: string;
  keterangan?: string;
}

export interface Lane {
  id: string;
  name?: string;
  /** `sop:pelaksana`: the role id whose holders perform this lane's steps. */
  pelaksana?: string;
  /** `sop:atasan`: the superior role a breach is escalated to. */
  atasan?: string;
  external: boolean;
}

export interface FlowNode {
  id: string;
  /** The BPMN element type without prefix, e.g. `userTask`, `exclusiveGateway`. */
  type: string;
  name?: string;
  /** Id of the scope that contains the node: the process or an enclosing subprocess. */
  scope: string;
  incoming: string[];
  outgoing: string[];
  lane?: Lane;
  sop: StepAttributes;
  eventDefinitions: EventDefinition[];
  /** Boundary events: the activity they are attached to, and whether they interrupt it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Exclusive and inclusive gateways, activities: the default sequence flow id. */
  defaultFlow?: string;
  /** Gateways: the direction the diagram declares, if any. */
  gatewayDirection?: string;
  calledElement?: string;
  /** Receive and send tasks: the name of their bpmn:message (`messageRef`). */
  messageRef?: string;
  inputs?: VariableMapping[];
  outputs?: VariableMapping[];
  multiInstance?: MultiInstance;
  standardLoop?: boolean;
  /** Subprocesses: an event subprocess (triggeredByEvent). */
  triggeredByEvent?: boolean;
  /** Start events of event subprocesses: whether they interrupt their parent. */
  isInterrupting?: boolean;
  /** Boundary events attached to this activity. */
  boundaries: string[];
  /** Exclusive and inclusive gateways: the question the analyst wrote. */
  decision?: Decision;
  /** Person steps, start events, message catchers: the fields the analyst added (`sop:formulir`, form-js). */
  form?: FormField[];
}

export interface SequenceFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  condition?: Condition;
  /** Flows out of a decision: the answer this flow stands for. */
  answer?: Answer;
}

/** SOP identity block (Permenpan RB 35/2012 "Bagian Identitas"). */
export interface SopIdentity {
  nomor?: string;
  nama?: string;
  satker?: string;
  unit?: string;
  kodeBuku?: string;
  tanggalPembuatan?: string;
  tanggalRevisi?: string;
  tanggalEfektif?: string;
  /** Disahkan oleh: the signing official's position (jabatan), name with titles, and NIP. */
  disahkanOleh?: string;
  namaPengesah?: string;
  nipPengesah?: string;
  jenis?: string;
  cakupan?: string;
  sifat?: string;
  hasil?: string;
  dasarHukum: string[];
  kualifikasiPelaksana: string[];
  keterkaitan: string[];
  peralatan: string[];
  peringatan: string[];
  pencatatan: string[];
}

export interface ProcessModel {
  id: string;
  name?: string;
  isExecutable?: boolean;
  /** `sop:hari`: what a bare "Hari" means in this SOP. */
  hari: 'kalender' | 'kerja';
  /** `sop:dimulaiOleh`: who may start the SOP (roles, or `semua`); absent: the start event's lane (src/compile/sopRights.ts). */
  dimulaiOleh?: string[] | 'semua';
  /** `sop:zona`: the zone deadlines are counted in when the SOP's unit differs from the office's (WIB, WITA, WIT). */
  zona?: 'WIB' | 'WITA' | 'WIT';
  identity?: SopIdentity;
  nodes: Map<string, FlowNode>;
  flows: Map<string, SequenceFlow>;
  lanes: Lane[];
  /** Node ids per scope id (the process id, and each subprocess id). */
  scopes: Map<string, string[]>;
}

/** One BPMN file read into the model: every process it defines. */
export interface DefinitionsModel {
  id?: string;
  processes: ProcessModel[];
  /** Message id → message name, to correlate message events by name. */
  messages: Map<string, string>;
  /** Process ids of every participant that references a process (pools). */
  participants: { id: string; name?: string; processId?: string }[];
}
