import type { TaxonomyView } from '@app/catalogue';
import { changedFields, mergeRecords, type EditableRecord } from '@app/catalogue';
import { diffRecords, labelsOf, recordFromForm, toMoscowInput } from './programme-form';

const FORM = {
  slug: 'grant',
  provider: 'moscow-government',
  'title.ru': '  Грант на оборудование ',
  'title.en': '',
  'summary.ru': 'Кратко',
  supportTypes: ['grant_subsidy', 'consulting'],
  'benefit.amountMin': '5 000 000',
  'benefit.ratePercent': '7,5',
  'benefit.termMonths': 'много',
  'benefit.taxReductions.0.tax': 'property',
  'benefit.taxReductions.0.toPercent': '100',
  'benefit.taxReductions.1.tax': '',
  'application.requiredDocuments.0.ru': '',
  'application.requiredDocuments.0.en': '',
  'application.requiredDocuments.1.ru': 'Заявка',
  'timing.availability.kind': 'rounds',
  'timing.availability.rounds.0.closesAt': '2026-12-31T23:59:59',
  'timing.availability.rounds.0.source': 's1',
  'timing.availability.rounds.1.opensAt': '',
  'eligibility.checks.0.ru': 'Экспорт в дружественные страны',
  'eligibility.checks.1.ru': '',
  'curation.sources.0.key': 's1',
  'curation.sources.0.publisher': ' i.moscow ',
  'curation.sources.0.title.ru': 'Карточка меры',
  'curation.sources.0.url': 'https://i.moscow/measure',
  'curation.sources.0.publishedOn': '',
  'curation.sources.0.checkedOn': '2026-11-30',
  'curation.sources.0.kind': 'official',
  'curation.sources.1.kind': 'official',
  'curation.sources.1.key': '',
  'keyFacts.0.group': 'benefit',
  'keyFacts.0.label.ru': 'Сумма',
  'keyFacts.0.value.ru': 'до 10 млн ₽',
  'keyFacts.0.number': '10 000 000',
  'keyFacts.0.unit': 'rub',
  'keyFacts.0.source': 's1',
  'keyFacts.0.termsYear': '2026',
  'keyFacts.1.group': 'benefit',
  'application.steps.0.text.ru': 'Вступите в кластер',
  'application.steps.0.url': 'https://i.moscow',
};

describe('the programme edit form', () => {
  it('reads a form into a record: trimmed text, blank as null, numbers with spaces and commas, blank rows dropped, Moscow time', () => {
    const r = recordFromForm(FORM);
    expect(r.title).toEqual({ ru: 'Грант на оборудование', en: null });
    expect(r.supportTypes).toEqual(['grant_subsidy', 'consulting']);
    expect(r.benefit).toMatchObject({ amountMin: 5_000_000, ratePercent: 7.5, termMonths: 'много' }); // kept as typed, for validation to name
    expect(r.benefit.taxReductions).toEqual([{ tax: 'property', fromPercent: null, toPercent: 100, years: null }]);
    expect(r.application.requiredDocuments).toEqual([{ ru: 'Заявка', en: null }]);
    // the round's dates are Moscow time; the deciding round's dates follow from it, not from the form
    expect(r.timing.availability).toEqual({
      kind: 'rounds',
      rounds: [{ opensAt: null, closesAt: '2026-12-31T20:59:59.000Z', source: 's1' }],
      source: null,
      asOf: null,
      note: { ru: null, en: null },
    });
    expect(toMoscowInput(r.timing.availability.rounds[0].closesAt)).toBe('2026-12-31T23:59:59');
    expect(r.timing.closesAt).toBeUndefined();
    expect(r.eligibility.checks).toEqual([{ ru: 'Экспорт в дружественные страны', en: null }]);
    expect(r.curation.sources).toEqual([
      {
        key: 's1',
        publisher: 'i.moscow',
        title: { ru: 'Карточка меры', en: null },
        url: 'https://i.moscow/measure',
        kind: 'official',
        publishedOn: null,
        checkedOn: '2026-11-30',
      },
    ]);
    // the second fact row holds only its preselected group: a blank row
    expect(r.keyFacts).toEqual([
      {
        group: 'benefit',
        label: { ru: 'Сумма', en: null },
        value: { ru: 'до 10 млн ₽', en: null },
        number: 10_000_000,
        unit: 'rub',
        asOf: null,
        validUntil: null,
        termsYear: 2026,
        source: 's1',
      },
    ]);
    expect(r.application.steps).toEqual([{ text: { ru: 'Вступите в кластер', en: null }, url: 'https://i.moscow' }]);
  });

  it('sees no change in the order of codes or below the second', () => {
    const a = recordFromForm(FORM);
    const b: EditableRecord = {
      ...a,
      supportTypes: ['consulting', 'grant_subsidy'],
      timing: {
        ...a.timing,
        availability: { ...a.timing.availability, rounds: [{ opensAt: null, closesAt: '2026-12-31T20:59:59.456Z', source: 's1' }] },
      },
    };
    expect(changedFields(a, b)).toEqual([]);
    expect(changedFields(a, { ...a, title: { ...a.title, en: 'Grant' } }).map((f) => f.path)).toEqual(['title.en']);
  });

  it('merges three ways: one-sided changes by themselves, both-sided only by choice', () => {
    const base = recordFromForm(FORM);
    const mine: EditableRecord = { ...base, title: { ru: 'Моё', en: null }, summary: { ru: 'Кратко', en: 'Short' } };
    const theirs: EditableRecord = { ...base, title: { ru: 'Их', en: null }, benefit: { ...base.benefit, termMonths: 12 } };
    const open = mergeRecords(base, mine, theirs);
    expect(open.conflicts.map((f) => f.path)).toEqual(['title.ru']);
    expect(open.mineOnly.map((f) => f.path)).toEqual(['summary.en']);
    expect(open.theirsOnly.map((f) => f.path)).toEqual(['benefit.termMonths']);
    expect(open.merged).toMatchObject({ title: { ru: 'Их' }, summary: { en: 'Short' }, benefit: { termMonths: 12 } });
    expect(mergeRecords(base, mine, theirs, { 'title.ru': 'mine' }).merged.title.ru).toBe('Моё');
    // the same change on both sides is no conflict
    expect(mergeRecords(base, mine, { ...theirs, title: mine.title }).conflicts).toEqual([]);
  });

  it('diffs revisions word by word, Russian words included, with labels for codes', () => {
    const taxonomy = {
      facets: [
        { facet: 'support_type', param: 'supportType', terms: [{ code: 'consulting', label: { ru: 'Консультации', en: 'Consulting' } }] },
      ],
    } as unknown as TaxonomyView;
    const before = { ...recordFromForm(FORM), publicationState: 'draft' };
    const after = { ...before, title: { ru: 'Грант на станки', en: null }, supportTypes: ['consulting'], publicationState: 'published' };
    const diff = diffRecords(before, after, labelsOf(taxonomy));
    expect(diff.map((d) => d.field.path)).toEqual(['title.ru', 'supportTypes', 'publicationState']);
    expect(diff[0].parts).toEqual([
      { value: 'Грант на ', change: 'same' },
      { value: 'оборудование', change: 'removed' },
      { value: 'станки', change: 'added' },
    ]);
    expect(diff[1].after).toBe('Consulting');
  });

  it('diffs dates, codes and numbers as whole tokens, never digit by digit', () => {
    const before = { ...recordFromForm(FORM), publicationState: 'draft' };
    const fact = before.keyFacts[0];
    const after = {
      ...before,
      keyFacts: [{ ...fact, asOf: '2026-11-20', value: { ru: 'до 12 500 000 ₽', en: null } }],
      curation: { sources: [{ ...before.curation.sources[0], publishedOn: '2026-11-20', url: 'https://i.moscow/measure-2026' }] },
    };
    const parts = (path: string) => {
      const d = diffRecords(
        { ...before, keyFacts: [{ ...fact, asOf: '2022-03-30' }] },
        after,
        labelsOf({ facets: [] } as unknown as TaxonomyView),
      );
      return d.find((x) => x.field.path === path)!.parts.filter((p) => p.change !== 'same');
    };
    expect(parts('keyFacts')).toEqual([
      { value: '10 млн', change: 'removed' },
      { value: '12 500 000', change: 'added' },
      { value: '2022-03-30', change: 'removed' },
      { value: '2026-11-20', change: 'added' },
    ]);
    expect(parts('curation.sources')).toEqual([
      { value: 'https://i.moscow/measure', change: 'removed' },
      { value: 'https://i.moscow/measure-2026', change: 'added' },
      { value: 'undated', change: 'removed' },
      { value: '2026-11-20', change: 'added' },
    ]);
  });
});
