import type { TaxonomyView } from '@app/catalogue';
import { changedFields, diffRecords, labelsOf, mergeRecords, recordFromForm, toMoscowInput, type EditableRecord } from './programme-form';

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
  'timing.closesAt': '2026-12-31T23:59:59',
  'curation.needsVerification': 'true',
};

describe('the programme edit form', () => {
  it('reads a form into a record: trimmed text, blank as null, numbers with spaces and commas, blank rows dropped, Moscow time', () => {
    const r = recordFromForm(FORM);
    expect(r.title).toEqual({ ru: 'Грант на оборудование', en: null });
    expect(r.supportTypes).toEqual(['grant_subsidy', 'consulting']);
    expect(r.benefit).toMatchObject({ amountMin: 5_000_000, ratePercent: 7.5, termMonths: 'много' }); // kept as typed, for validation to name
    expect(r.benefit.taxReductions).toEqual([{ tax: 'property', fromPercent: null, toPercent: 100, years: null }]);
    expect(r.application.requiredDocuments).toEqual([{ ru: 'Заявка', en: null }]);
    expect(r.timing.closesAt).toBe('2026-12-31T20:59:59.000Z');
    expect(toMoscowInput(r.timing.closesAt)).toBe('2026-12-31T23:59:59');
    expect(r.curation.needsVerification).toBe(true);
    expect(recordFromForm({ ...FORM, 'curation.needsVerification': undefined }).curation.needsVerification).toBe(false);
  });

  it('sees no change in the order of codes or below the second', () => {
    const a = recordFromForm(FORM);
    const b: EditableRecord = { ...a, supportTypes: ['consulting', 'grant_subsidy'], timing: { ...a.timing, closesAt: '2026-12-31T20:59:59.456Z' } };
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
    const taxonomy = { facets: [{ facet: 'support_type', param: 'supportType', terms: [{ code: 'consulting', label: { ru: 'Консультации', en: 'Consulting' } }] }] } as unknown as TaxonomyView;
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
});
