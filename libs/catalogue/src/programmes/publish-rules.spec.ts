import { NOT_CONFIRMED } from './programme-status';
import { publishProblems, type RuleInput } from './publish-rules';
import type { KeyFact, ProgrammeSource } from './programme.types';

const src = (key: string, kind: ProgrammeSource['kind'], publishedOn: string | null = '2026-01-15'): ProgrammeSource => ({
  key,
  title: { ru: key, en: null },
  url: `https://example.org/${key}`,
  publisher: key,
  kind,
  publishedOn,
  checkedOn: null,
});
const fact = (source: string, over: Partial<KeyFact> = {}): KeyFact => ({
  group: 'benefit',
  label: { ru: 'Сумма', en: null },
  value: { ru: 'до 10 млн ₽', en: null },
  number: 10_000_000,
  unit: 'rub',
  asOf: null,
  validUntil: null,
  termsYear: null,
  source,
  ...over,
});
type Overrides = {
  keyFacts?: KeyFact[];
  provider?: Partial<RuleInput['provider']>;
  timing?: Partial<RuleInput['timing']>;
  application?: Partial<RuleInput['application']>;
  curation?: Partial<RuleInput['curation']>;
};
const entry = (over: Overrides = {}): RuleInput => ({
  keyFacts: over.keyFacts ?? [fact('card')],
  provider: {
    slug: 'p',
    name: { ru: 'П', en: null },
    url: 'https://fund.example',
    email: null,
    phone: null,
    address: { ru: null, en: null },
    ...over.provider,
  },
  timing: { availability: NOT_CONFIRMED, ...over.timing },
  application: {
    applyUrl: 'https://i.moscow/measure-supports-card/2e7a',
    applyUrlEn: null,
    steps: [{ text: { ru: 'Подайте заявку', en: null }, url: null }],
    contacts: { email: null, phone: null, url: null },
    ...over.application,
  },
  curation: { sources: [src('card', 'official', null)], ...over.curation },
});
const fields = (p: RuleInput) => publishProblems(p).map((x) => x.field);

describe('publishing rules', () => {
  it('lets an actionable, sourced entry through', () => {
    expect(publishProblems(entry())).toEqual([]);
  });

  it('needs a way to act: an official deep link, or an official contact of the programme or its provider', () => {
    const none = entry({ application: { applyUrl: null } });
    expect(fields(none)).toEqual(['application.applyUrl']);
    expect(fields(entry({ application: { applyUrl: null, contacts: { phone: '+7 495 000-00-00', email: null, url: null } } }))).toEqual([]);
    expect(fields(entry({ application: { applyUrl: null }, provider: { email: 'info@fund.example' } }))).toEqual([]);
    // an English official page is a way to act too (the Russian page marks it as English)
    expect(fields(entry({ application: { applyUrl: null, applyUrlEn: 'https://i.moscow/techpark_eng2' } }))).toEqual([]);
    // never a portal's home page, nor an English page behind the Russian link
    expect(publishProblems(entry({ application: { applyUrl: 'https://i.moscow/' } }))[0].messages[0]).toMatch(/own page/);
    expect(publishProblems(entry({ application: { applyUrl: 'https://i.moscow/techpark_eng2' } }))[0].messages[0]).toMatch(/Russian page/);
  });

  it('accepts figures about money, rates or law only from an official page or a dated news report', () => {
    expect(fields(entry({ curation: { sources: [src('card', 'media', '2025-10-09')] } }))).toEqual([]);
    expect(fields(entry({ curation: { sources: [src('card', 'media', null)] } }))).toEqual(['keyFacts.0.source']);
    expect(fields(entry({ curation: { sources: [src('card', 'other')] } }))).toEqual(['keyFacts.0.source']);
    // "other" may support a fact that is not about terms
    const scale = fact('blog', { group: 'scale', unit: 'count', number: 49 });
    expect(fields(entry({ keyFacts: [scale], curation: { sources: [src('blog', 'other')] } }))).toEqual([]);
  });

  it('takes the availability from a source: standing and closed from an official page, rounds from an official or dated one', () => {
    const sources = [src('card', 'official', null), src('news', 'media', '2026-02-20'), src('blog', 'other')];
    const availability = (a: Partial<RuleInput['timing']['availability']>) =>
      fields(entry({ timing: { availability: { ...NOT_CONFIRMED, ...a } }, curation: { sources } }));
    expect(availability({ kind: 'closed', source: 'card' })).toEqual([]);
    expect(availability({ kind: 'closed', source: 'news' })).toEqual(['timing.availability.source']);
    expect(availability({ kind: 'standing', source: null })).toEqual(['timing.availability.source']);
    const round = (source: string | null) => ({ opensAt: '2026-02-26T06:00:00.000Z', closesAt: '2026-03-23T15:00:00.000Z', source });
    expect(availability({ kind: 'rounds', rounds: [round('news')] })).toEqual([]);
    expect(availability({ kind: 'rounds', rounds: [round('blog'), round(null)] })).toEqual([
      'timing.availability.rounds.0.source',
      'timing.availability.rounds.1.source',
    ]);
  });
});
