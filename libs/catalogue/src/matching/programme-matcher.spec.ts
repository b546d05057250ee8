import { placeOkved } from './okved';
import { matchProgramme, type CompanyProfile, type MatchableProgramme, type MatchVocabulary } from './programme-matcher';

/** A small taxonomy: Russia ⊃ Moscow ⊃ Technopolis; manufacturing ⊃ electronics, food production. */
const PARENTS: Record<string, string> = {
  'territory:moscow': 'russia',
  'territory:technopolis_moscow': 'moscow',
  'industry:electronics': 'manufacturing',
  'industry:food_production': 'manufacturing',
  'industry:research': 'professional_science',
};
const vocabulary: MatchVocabulary = {
  label: (_facet, code) => code,
  parentOf: (facet, code) => PARENTS[`${facet}:${code}`] ?? null,
};
const programme = (overrides: Partial<MatchableProgramme> = {}): MatchableProgramme => ({
  applicantTypes: [],
  sizes: [],
  industries: [],
  objectives: [],
  territories: [],
  eligibility: {},
  checks: [],
  ...overrides,
});
const statusOf = (p: MatchableProgramme, company: CompanyProfile, criterion: string) =>
  matchProgramme(p, company, vocabulary, 'ru').criteria.find((c) => c.criterion === criterion)?.status;

describe('matchProgramme', () => {
  it('judges size bands, several goals and an investment threshold', () => {
    const p = programme({ sizes: ['small', 'medium'], objectives: ['reduce_taxes'], eligibility: { investmentMinRub: 750_000_000 } });
    expect(statusOf(p, { size: 'medium' }, 'size')).toBe('met');
    expect(statusOf(p, { size: 'large' }, 'size')).toBe('not_met');
    expect(statusOf(programme(), { size: 'large' }, 'size')).toBe('not_stated');
    expect(statusOf(p, { goal: ['build_production', 'reduce_taxes'] }, 'goal')).toBe('met');
    expect(statusOf(p, { goal: ['find_investors'] }, 'goal')).toBe('not_met');
    // a stated threshold is a condition even when the company did not say how much it invests
    expect(statusOf(p, {}, 'investment')).toBe('unknown');
    expect(statusOf(p, { investmentRub: 800_000_000 }, 'investment')).toBe('met');
    expect(statusOf(p, { investmentRub: 100_000_000 }, 'investment')).toBe('not_met');
    expect(statusOf(programme(), { investmentRub: 100_000_000 }, 'investment')).toBeUndefined();
  });

  it('says a programme fits when every answered criterion is met', () => {
    const p = programme({
      applicantTypes: ['legal_entity'],
      sizes: ['medium'],
      industries: ['electronics'],
      territories: ['moscow'],
      objectives: ['reduce_taxes'],
    });
    const outcome = matchProgramme(
      p,
      {
        applicantType: 'legal_entity',
        size: 'medium',
        industry: 'electronics',
        territory: 'moscow',
        goal: ['reduce_taxes', 'build_production'],
      },
      vocabulary,
      'ru',
    );
    expect(outcome.fit).toBe('fits');
    expect(outcome.criteria.every((c) => c.status === 'met')).toBe(true);
  });

  it.each([
    ['applicantType', programme({ applicantTypes: ['legal_entity'] }), { applicantType: 'legal_entity' }, 'met'],
    ['applicantType', programme({ eligibility: { applicantTypes: ['sole_trader'] } }), { applicantType: 'legal_entity' }, 'not_met'],
    ['applicantType', programme(), { applicantType: 'legal_entity' }, 'not_stated'],
    ['companyAge', programme({ eligibility: { companyAgeMaxYears: 5 } }), { companyAgeYears: 3 }, 'met'],
    ['companyAge', programme({ eligibility: { companyAgeMinYears: 1, companyAgeMaxYears: 5 } }), { companyAgeYears: 7 }, 'not_met'],
    ['companyAge', programme(), { companyAgeYears: 7 }, 'not_stated'],
    ['headcount', programme({ eligibility: { headcountMax: 250 } }), { headcount: 250 }, 'met'],
    ['headcount', programme({ eligibility: { headcountMin: 10 } }), { headcount: 3 }, 'not_met'],
    ['headcount', programme(), { headcount: 3 }, 'not_stated'],
    ['revenue', programme({ eligibility: { revenueMaxRub: 800_000_000 } }), { revenueBand: 'upTo120m' }, 'met'],
    ['revenue', programme({ eligibility: { revenueMaxRub: 800_000_000 } }), { revenueBand: 'upTo2b' }, 'not_met'],
    ['revenue', programme({ eligibility: { revenueMaxRub: 500_000_000 } }), { revenueBand: 'upTo800m' }, 'unknown'],
    ['revenue', programme(), { revenueBand: 'over2b' }, 'not_stated'],
    ['industry', programme({ industries: ['electronics'] }), { industry: 'electronics' }, 'met'],
    ['industry', programme({ industries: ['electronics'] }), { industry: 'pharmaceuticals' }, 'not_met'],
    ['industry', programme(), { industry: 'pharmaceuticals' }, 'not_stated'],
    ['territory', programme({ territories: ['moscow'] }), { territory: 'technopolis_moscow' }, 'met'],
    ['territory', programme({ territories: ['technopolis_moscow'] }), { territory: 'moscow' }, 'unknown'],
    ['territory', programme({ territories: ['technopolis_moscow'] }), { territory: 'elsewhere' }, 'not_met'],
    ['territory', programme(), { territory: 'moscow' }, 'not_stated'],
    // a federal programme serves Moscow and every site in it
    ['territory', programme({ territories: ['russia'] }), { territory: 'technopolis_moscow' }, 'met'],
    // a programme for manufacturing covers an electronics maker; one for electronics may or may not cover "manufacturing"
    ['industry', programme({ industries: ['manufacturing'] }), { industry: 'electronics' }, 'met'],
    ['industry', programme({ industries: ['electronics'] }), { industry: 'manufacturing' }, 'unknown'],
    // an ОКВЭД 2 code places the company in its section and a narrower term
    ['industry', programme({ industries: ['electronics'] }), { okved: '26.11' }, 'met'],
    ['industry', programme({ industries: ['manufacturing'] }), { okved: '10.71.1' }, 'met'],
    ['industry', programme({ industries: ['trade'] }), { okved: '47.11' }, 'met'],
    ['industry', programme({ industries: ['information_technology'] }), { okved: '47.11' }, 'not_met'],
    ['industry', programme({ industries: ['research'] }), { okved: '72.19' }, 'met'],
    ['goal', programme({ objectives: ['get_financing'] }), { goal: 'get_financing' }, 'met'],
    ['goal', programme({ objectives: ['reduce_taxes'] }), { goal: 'get_financing' }, 'not_met'],
    ['status', programme({ eligibility: { requiredStatuses: ['sez_resident'] } }), { statuses: ['sez_resident'] }, 'met'],
    ['status', programme({ eligibility: { requiredStatuses: ['sez_resident'] } }), { statuses: [] }, 'not_met'],
    ['status', programme({ eligibility: { requiredStatuses: ['sez_resident'] } }), {}, 'unknown'],
  ] as [string, MatchableProgramme, CompanyProfile, string][])('%s: %j with %j is %s', (criterion, p, company, expected) => {
    expect(statusOf(p, company, criterion)).toBe(expected);
  });

  it('a condition the programme does not state is no obstacle: such a programme can fit', () => {
    const outcome = matchProgramme(
      programme({ industries: ['electronics'] }),
      { industry: 'electronics', companyAgeYears: 3, headcount: 40, territory: 'moscow' },
      vocabulary,
      'ru',
    );
    expect(outcome.criteria.map((c) => c.status).sort()).toEqual(['met', 'not_stated', 'not_stated', 'not_stated']);
    expect(outcome.fit).toBe('fits');
  });

  it('ranks the groups in order: fits, then may fit, then does not fit, whatever else is met', () => {
    const company: CompanyProfile = { industry: 'electronics', size: 'medium', headcount: 40, statuses: undefined };
    const fits = matchProgramme(programme({ industries: ['electronics'] }), company, vocabulary, 'ru');
    const maybe = matchProgramme(
      programme({ industries: ['electronics'], sizes: ['medium'], eligibility: { headcountMax: 250, requiredStatuses: ['sez_resident'] } }),
      company,
      vocabulary,
      'ru',
    );
    const not = matchProgramme(
      programme({ industries: ['electronics'], sizes: ['small'], eligibility: { headcountMax: 250 } }),
      company,
      vocabulary,
      'ru',
    );
    expect([fits.fit, maybe.fit, not.fit]).toEqual(['fits', 'partly', 'does_not_fit']);
    expect(fits.score).toBeGreaterThan(maybe.score);
    expect(maybe.score).toBeGreaterThan(not.score);
  });

  it('never says "fits" while a condition to check yourself is listed, and names it', () => {
    const grant = programme({
      applicantTypes: ['legal_entity', 'sole_trader'],
      eligibility: { requiredStatuses: ['social_training_completed'] },
      checks: [{ ru: 'проект решает социальную задачу', en: 'the project solves a social problem' }],
    });
    // a sole trader without any status: not "fits" (the required training is unmet when they say they hold none)
    expect(matchProgramme(grant, { applicantType: 'sole_trader', statuses: [] }, vocabulary, 'ru').fit).toBe('does_not_fit');
    const unsure = matchProgramme(grant, { applicantType: 'sole_trader' }, vocabulary, 'ru');
    expect(unsure.fit).toBe('partly');
    const holder = matchProgramme(grant, { applicantType: 'sole_trader', statuses: ['social_training_completed'] }, vocabulary, 'ru');
    expect(holder.fit).toBe('partly');
    expect(holder.criteria.find((c) => c.criterion === 'check')).toEqual({
      criterion: 'check',
      status: 'unknown',
      explanation: 'Проверьте: проект решает социальную задачу',
    });
    expect(matchProgramme(grant, { statuses: ['social_training_completed'] }, vocabulary, 'en').criteria.at(-1)?.explanation).toBe(
      'Check: the project solves a social problem',
    );
    // the same programme without the check fits the holder
    expect(
      matchProgramme({ ...grant, checks: [] }, { applicantType: 'sole_trader', statuses: ['social_training_completed'] }, vocabulary, 'ru')
        .fit,
    ).toBe('fits');
  });

  it('places ОКВЭД 2 codes in their sections', () => {
    expect(placeOkved('62.01')).toEqual({ section: 'J', industries: ['information_technology'] });
    expect(placeOkved('26.60')).toEqual({ section: 'C', industries: ['manufacturing', 'medical_devices'] });
    expect(placeOkved('01.11.1')).toEqual({ section: 'A', industries: ['agriculture'] });
    expect(placeOkved('41.20')).toEqual({ section: 'F', industries: ['construction'] });
    expect(placeOkved('56.10')).toEqual({ section: 'I', industries: ['hospitality_food'] });
    expect(placeOkved('84.11')).toEqual({ section: 'O', industries: [] }); // public administration: no programme is for it
    expect(placeOkved('04.10')).toBeNull(); // no such division
    expect(placeOkved('6201')).toBeNull();
  });

  it('leaves out what the company did not answer', () => {
    expect(matchProgramme(programme({ industries: ['electronics'] }), {}, vocabulary, 'ru').criteria).toEqual([]);
  });

  it('explains each criterion in plain words, in the requested language', () => {
    const p = programme({ eligibility: { companyAgeMaxYears: 5 } });
    expect(matchProgramme(p, { companyAgeYears: 7 }, vocabulary, 'ru').criteria[0].explanation).toBe(
      'Возраст компании 7 лет не подходит: нужно не больше 5.',
    );
    expect(matchProgramme(p, { companyAgeYears: 7 }, vocabulary, 'en').criteria[0].explanation).toBe(
      'A company age of 7 years does not fit: at most 5 required.',
    );
  });

  it('within a group, ranks more conditions met first', () => {
    const company = { industry: 'electronics', goal: 'get_financing', companyAgeYears: 2 };
    const full = matchProgramme(
      programme({ industries: ['electronics'], objectives: ['get_financing'], eligibility: { companyAgeMaxYears: 3 } }),
      company,
      vocabulary,
      'ru',
    );
    const partly = matchProgramme(programme({ industries: ['electronics'], objectives: ['get_financing'] }), company, vocabulary, 'ru');
    const wrong = matchProgramme(
      programme({ industries: ['pharmaceuticals'], objectives: ['get_financing'], eligibility: { companyAgeMaxYears: 3 } }),
      company,
      vocabulary,
      'ru',
    );
    expect([full.fit, partly.fit, wrong.fit]).toEqual(['fits', 'fits', 'does_not_fit']);
    expect(full.score).toBeGreaterThan(partly.score);
    expect(partly.score).toBeGreaterThan(wrong.score);
  });
});
