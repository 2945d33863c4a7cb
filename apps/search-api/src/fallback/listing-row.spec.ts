import { rowToItem, type ListingRow } from './listing-row.js';

const row = (over: Partial<ListingRow>): ListingRow => ({
  id: '7',
  performance_id: '1001',
  show_id: 'hamilton',
  venue_id: 'richard-rodgers',
  section: 'FMEZZ',
  section_id: 'front-mezzanine-left',
  row: 'E',
  seats: [5, 7],
  quantity: 2,
  splits: [2],
  retail_cents: 20000,
  fees_cents: 3000,
  all_in_cents: 23000,
  view_notes: [],
  starts_at: new Date('2026-12-05T01:00:00Z'),
  venue_name: 'Richard Rodgers Theatre',
  city: 'New York',
  time_zone: 'America/New_York',
  seat_quality: 70,
  deal_score: 75,
  explanation: '',
  removed_at: null,
  item: null,
  ...over,
});

describe('rowToItem (the Postgres fallback’s item)', () => {
  it('names the theatre’s section beside the broker’s words, as ranking publishes it', () => {
    expect(rowToItem(row({}))).toMatchObject({ section: 'FMEZZ', sectionName: 'Front Mezzanine Left' });
    // Seats not resolved: the broker's name alone still finds the group.
    expect(rowToItem(row({ section_id: null })).sectionName).toBe('Front Mezzanine');
  });

  it('leaves sectionName out when the venue’s map does not know the section', () => {
    expect(rowToItem(row({ section: 'Balcony', section_id: null }))).not.toHaveProperty('sectionName');
    expect(rowToItem(row({ venue_id: 'nowhere', section_id: null }))).not.toHaveProperty('sectionName');
  });
});
