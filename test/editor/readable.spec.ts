/**
 * A server's sentence as the web app shows it (editor/core/people.ts `readable`): the person it
 * names by their name, its instants in the office's time — never a login id or a UTC timestamp.
 */
import { describe, expect, it } from 'vitest';
import type { Api } from '../../editor/core/api.ts';
import { PeopleDirectory, readable } from '../../editor/core/people.ts';
import type { Session } from '../../editor/core/session.ts';
import { formatTanggal, useOfficeZone, valueText } from '../../editor/i18n/format.ts';

describe('readable', () => {
  it('names people and shows times in the office zone', async () => {
    const api = { get: async () => [{ id: 'rina', name: 'Rina Kartika' }, { id: 'admin', name: 'Administrator' }] } as unknown as Api;
    const session = { token: 't', user: { id: 'tono', name: 'Tono', roles: [] }, onChange: () => {} } as unknown as Session;
    const directory = new PeopleDirectory(api, session);
    await directory.load();
    const said = 'Langkah "Menghimpun" pada kasus X sedang diambil oleh rina (sejak 2026-03-02T02:00:00.000Z); pengguna "admin" dan "budi".';
    expect(readable(said, formatTanggal)).toBe(`Langkah "Menghimpun" pada kasus X sedang diambil oleh Rina Kartika (sejak ${formatTanggal('2026-03-02T02:00:00.000Z')}); pengguna "Administrator" dan "budi".`);
    expect(formatTanggal('2026-03-02T02:00:00.000Z')).toMatch(/09\.00 WIB$/);
    useOfficeZone('Asia/Makassar');
    try {
      expect(readable('sejak 2026-03-02T02:00:00Z', formatTanggal)).toMatch(/10\.00 WITA$/);
    } finally {
      useOfficeZone('Asia/Jakarta');
    }
  });
});

describe('valueText', () => {
  it('shows a case variable as people read it: an instant in the office zone, yes/no, text as it is', () => {
    expect(valueText('2026-12-06T19:57:17.168Z')).toBe(formatTanggal('2026-12-06T19:57:17.168Z'));
    expect(valueText('2026-12-06T19:57:17.168Z')).toMatch(/02\.57 WIB$/);
    expect([valueText(true), valueText(false), valueText('12/Pdt.G/2026'), valueText(3)]).toEqual(['ya', 'tidak', '12/Pdt.G/2026', '3']);
    // Text that only holds an instant somewhere is someone's words: kept as written.
    expect(valueText('diminta 2026-12-06T19:57:17Z')).toBe('diminta 2026-12-06T19:57:17Z');
  });
});
