/**
 * What computeDue is given and answers: its own file, so the counting modules (durationDue,
 * scheduleDue) share the types with computeDue without importing it back.
 */
import type { WorkingCalendar } from './workingCalendar.ts';

export interface DueContext {
  start: string; // ISO 8601 instant the step became active (from an event timestamp; never the clock)
  hari: 'kalender' | 'kerja'; // what a bare "Hari" means in this SOP (process attribute sop:hari; default kalender)
  calendar: WorkingCalendar;
  anchors?: Record<string, string>; // ISO instants/dates of named earlier events or case date variables
  vars?: Record<string, unknown>; // case variables: conditional waktu, and __jedaWaktu for pausable clocks
}

export interface DueResult {
  due: string | null; // ISO 8601 instant with the satker's offset; null = this phrase sets no deadline
  notBefore?: string | null; // for minimum-gap phrases (the step may not happen earlier)
  reading: string; // short description of the reading made, e.g. "5 hari kerja sejak 2026-03-16"
  explanation: string; // ONE line in Indonesian a court can read aloud
  derivation: { anchor: string; counting: string; skipped: { date: string; reason: string }[]; calendarVersion: string; notes: string[] };
}
