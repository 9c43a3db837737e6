/** The working-day calendar: the years in force, one year's data, and (admin) a corrected year published (src/useCases/calendar.ts). */
import type express from 'express';
import type { RequestHandler } from 'express';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { calendarSummary, calendarYear, publishCalendarYear } from '../../src/useCases/calendar.ts';
import { badParameter } from '../queryParameters.ts';
import { permit, route, userOf } from '../requestHelpers.ts';
import { validBody } from '../schemas.ts';

/** The year in the address: four digits. */
function yearOf(text: string): number {
  if (!/^\d{4}$/.test(text)) throw badParameter('year', `Tahun di alamat harus empat angka (mis. 2026), bukan "${text}".`);
  return Number(text);
}

export function calendarRoutes(app: express.Express, engine: DurableEngine, { json }: { json: RequestHandler[] }): void {
  app.get('/api/calendar', route(async (_req, res) => {
    res.json(calendarSummary(engine));
  }));

  app.get('/api/calendar/:year', route(async (req, res) => {
    res.json(calendarYear(engine, yearOf(String(req.params.year))));
  }));

  app.put('/api/calendar/:year', permit('administer'), json, validBody('CalendarYear'), route(async (req, res) => {
    res.json(await publishCalendarYear(engine, userOf(res), yearOf(String(req.params.year)), req.body as { year: number }));
  }));
}
