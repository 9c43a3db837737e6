/**
 * src/sop and src/calendar are pure leaves: no clock, no randomness, no timers
 * (STYLE.md; the lint rule does the same). Only loadCalendar reads files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const files = ['sop', 'calendar'].flatMap((dir) => readdirSync(path.join(src, dir)).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)));

describe('purity of src/sop and src/calendar', () => {
  it.each(files)('%s does not read the clock, draw random numbers or set timers', (file) => {
    const code = readFileSync(path.join(src, file), 'utf8');
    expect(code).not.toMatch(/Date\.now\(|new Date\(\s*\)|Math\.random|setTimeout|setInterval|DateTime\.(?:now|local)\(\s*\)/);
  });

  it.each(files.filter((f) => f !== path.join('calendar', 'loadCalendar.ts')))('%s does not touch the file system', (file) => {
    expect(readFileSync(path.join(src, file), 'utf8')).not.toMatch(/from 'node:fs'/);
  });
});
