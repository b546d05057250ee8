import { loadShippedCatalogue } from '@app/catalogue';
import { JUDGED_QUERIES } from './judged-queries';

describe('the judged queries', () => {
  it('judge only programmes the catalogue publishes (a renamed, dropped or draft one is caught here)', () => {
    const shipped = new Set(
      loadShippedCatalogue()
        .programmes.filter((p) => p.publish)
        .map((p) => p.body.slug),
    );
    const unknown = JUDGED_QUERIES.flatMap((j) => j.relevant.filter((slug) => !shipped.has(slug)).map((slug) => `${j.q}: ${slug}`));
    expect(unknown).toEqual([]);
  });

  it('ask each query once, with at least one relevant programme', () => {
    const seen = new Set<string>();
    const repeated = JUDGED_QUERIES.filter((j) => seen.size === seen.add(j.q.toLowerCase()).size).map((j) => j.q);
    expect(repeated).toEqual([]);
    expect(JUDGED_QUERIES.filter((j) => j.relevant.length === 0)).toEqual([]);
  });
});
