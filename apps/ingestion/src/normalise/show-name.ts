/** Show slug ↔ the broker's performer name: 'hamilton' ↔ 'Hamilton'. Pure. */
export function performerNameForShow(slug: string): string {
  return slug
    .split('-')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}
