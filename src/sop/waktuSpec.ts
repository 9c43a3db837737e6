/**
 * WaktuSpec: the structured reading of one *waktu penyelesaian* phrase.
 *
 * Plain JSON, because the compiler stores it in the machine's meta and the audit
 * log keeps it. Every variant carries `verbatim`: the SOP is printed with the
 * phrase exactly as the satker wrote it, never a normalised form.
 */

/** What a day count means: working days, calendar days, or "as the SOP's sop:hari says" (a bare "Hari"). */
export type Hari = 'kerja' | 'kalender' | 'ikutSop';

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Where a deadline goes when it falls on a closed day. */
export type Roll = 'forward' | 'backward' | 'none';

/** ISO weekday: 1 = Senin … 5 = Jumat, 6 = Sabtu, 7 = Minggu. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The moment a duration is counted from (or back from). */
export type Anchor =
  | { kind: 'start' } // the step became active
  // A named earlier event or case date, looked up in DueContext.anchors. "setelah A atau B" gives
  // `or: [A, B]` (name is the whole phrase): the count runs from the latest of those that happened
  // (sebelum: the earliest), as in "14 hari setelah putusan diucapkan atau diberitahukan".
  | { kind: 'event'; name: string; or?: string[] }
  | { kind: 'dayOfMonth'; day: number }; // "Tanggal 5 setiap bulan selesai 2 Hari": the later of start and the 5th

/** A calendar rule: every working day, a weekday, or a day in listed months. */
export type Schedule =
  | { every: 'day' }
  | { every: 'week'; weekday: Weekday }
  | { every: 'month'; months: number[]; day: number | 'last' }; // months 1–12; 'last' = last day of the month

/** A case-data test for conditional waktu: `vars[variable] === equals`. */
export interface Condition {
  variable: string;
  equals: string;
  label: string; // the words of the SOP ("di luar wilayah hukum"), for explanations
}

export interface DurationSpec {
  kind: 'duration';
  verbatim: string;
  amount: number;
  unit: DurationUnit;
  hari: Hari; // only meaningful for unit 'day'; 'kalender' otherwise
  anchor: Anchor;
  direction: 'after' | 'before'; // "10 hari sebelum penahanan berakhir" counts back
  bound: 'max' | 'min'; // max = a deadline; min = a gap the step may not undercut (gives notBefore)
  roll: Roll; // forward for calendar counts after an anchor, backward before one, none for hours
  window?: boolean; // a party's window ("dapat diajukan dalam tenggang waktu"); expiry is routed by the diagram
  pausable?: { during: string }; // "diluar waktu mediasi": the clock stops during these periods
  alternatives?: string[]; // "150 Hari/5 Bulan": the alternatives not chosen, kept for printing
}

export interface SameDaySpec {
  kind: 'sameDay';
  verbatim: string;
  graceDays: number; // working days of grace after the target day; the hard deadline ends the last one
}

export interface FixedDateSpec {
  kind: 'fixedDate';
  verbatim: string;
  schedule: Schedule;
  roll: Roll;
}

export interface RecurringSpec {
  kind: 'recurring';
  verbatim: string;
  schedule: Schedule;
  roll: Roll;
}

export interface EarliestSpec {
  kind: 'earliest';
  verbatim: string;
  of: WaktuSpec[];
}

export interface ConditionalSpec {
  kind: 'conditional';
  verbatim: string;
  cases: { when: Condition; spec: WaktuSpec }[];
}

export interface NoneSpec {
  kind: 'none';
  verbatim: string;
  reason: 'onDemand' | 'unspecified';
}

export type WaktuSpec =
  | DurationSpec
  | SameDaySpec
  | FixedDateSpec
  | RecurringSpec
  | EarliestSpec
  | ConditionalSpec
  | NoneSpec;

/** True for schedules that start cases (timer start events) rather than bound a step. */
export function isRecurring(spec: WaktuSpec): boolean {
  return spec.kind === 'recurring';
}
