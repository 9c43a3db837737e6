/**
 * Query parameters read and checked at the edge: each bad value is refused as BAD_INPUT naming
 * its parameter (`parameter` in the problem answer), in Bahasa Indonesia.
 */
import type { Request } from 'express';
import { periodBoundMs } from '../src/calendar/periodBound.ts';
import { ProtapError } from '../src/runtime/protapError.ts';

/** The refusal of one query parameter's value. */
export function badParameter(name: string, message: string): ProtapError {
  return new ProtapError('BAD_INPUT', message, { parameter: name });
}

/** A query parameter given at most once. */
export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badParameter(name, `Parameter "${name}" hanya boleh disebut sekali.`);
  return value;
}

/** A query parameter that is `true` or `false`. */
export function queryBoolean(req: Request, name: string): boolean | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw badParameter(name, `Parameter "${name}" harus true atau false, bukan "${value}".`);
  return value === 'true';
}

/** A query parameter that is a whole number from 1 (a version, a page size). */
export function queryCount(req: Request, name: string, max: number): number | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  const count = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(count >= 1 && count <= max)) throw badParameter(name, `Parameter "${name}" harus bilangan bulat 1–${max}, bukan "${value}".`);
  return count;
}

/**
 * A period bound as an instant (ISO, UTC): a date-time as given (in the satker's zone without
 * offset), a bare date from the first (`start`) or to the last (`end`) moment of its day there.
 */
export function queryBound(req: Request, name: string, edge: 'start' | 'end', zone: string): string | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  const ms = periodBoundMs(value, edge, zone);
  if (Number.isNaN(ms)) throw badParameter(name, `Parameter "${name}" harus tanggal ISO 8601 (mis. 2026-03-31 atau 2026-03-31T17:00:00+07:00), bukan "${value}".`);
  return new Date(ms).toISOString();
}
