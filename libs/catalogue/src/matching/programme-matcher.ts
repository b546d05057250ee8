import type { Lang } from '../programmes/programme.mapper';
import type { EligibilityCriteria, LocalisedText } from '../programmes/programme.types';
import { placeOkved } from './okved';

/** What a company tells the questionnaire; every answer is optional. */
export interface CompanyProfile {
  applicantType?: string;
  companyAgeYears?: number;
  headcount?: number;
  revenueBand?: RevenueBand;
  /** Size band: a code of the `size` facet (micro, small, medium, large). */
  size?: string;
  industry?: string;
  /** The company's ОКВЭД 2 code ("62.01"): placed in its section and, where the catalogue has one, a narrower industry. */
  okved?: string;
  territory?: string;
  /** One goal or several (an objective code each); met when the programme serves any of them. */
  goal?: string | string[];
  /** How much the company plans to invest, in roubles. */
  investmentRub?: number;
  statuses?: string[];
}

/** Revenue bands of the Russian SME categories (roubles a year). */
export const REVENUE_BANDS = {
  upTo120m: { min: 0, max: 120_000_000 },
  upTo800m: { min: 120_000_000, max: 800_000_000 },
  upTo2b: { min: 800_000_000, max: 2_000_000_000 },
  over2b: { min: 2_000_000_000, max: Number.POSITIVE_INFINITY },
} as const;
export type RevenueBand = keyof typeof REVENUE_BANDS;
export const REVENUE_BAND_CODES = Object.keys(REVENUE_BANDS) as RevenueBand[];

/** The parts of a programme the matcher reads. */
export interface MatchableProgramme {
  applicantTypes: string[];
  sizes: string[];
  industries: string[];
  objectives: string[];
  territories: string[];
  eligibility: EligibilityCriteria;
  /** Conditions the matcher cannot judge: each makes a fit "may fit", named. */
  checks: LocalisedText[];
}

/**
 * met / not_met: the programme states a condition and the answer meets it or not;
 * unknown: it depends on something the company has to check (a revenue band across
 * the limit, an address inside the city, a status not declared);
 * not_stated: the programme sets no such condition, so it is no obstacle.
 */
export type CriterionStatus = 'met' | 'not_met' | 'unknown' | 'not_stated';

export interface CriterionResult {
  criterion:
    | 'applicantType'
    | 'size'
    | 'companyAge'
    | 'headcount'
    | 'revenue'
    | 'investment'
    | 'industry'
    | 'territory'
    | 'goal'
    | 'status'
    | 'check';
  status: CriterionStatus;
  explanation: string;
}

export interface MatchOutcome {
  fit: 'fits' | 'partly' | 'does_not_fit';
  score: number;
  criteria: CriterionResult[];
}

/** Labels the explanations use: facet values by code, and the term containing each territory and industry. */
export interface MatchVocabulary {
  label(facet: 'applicantType' | 'size' | 'industry' | 'territory' | 'objective' | 'status', code: string): string;
  parentOf(facet: 'territory' | 'industry', code: string): string | null;
}

const words = {
  ru: {
    applicantYes: (x: string) => `Подходит для заявителя «${x}».`,
    applicantNo: (x: string, list: string) => `Для заявителя «${x}» не подходит: программа для — ${list}.`,
    applicantUnknown: 'Программа не уточняет, кто может подать заявку.',
    sizeYes: (x: string) => `Размер компании «${x}» подходит.`,
    sizeNo: (x: string, list: string) => `Размер компании «${x}» не подходит: программа для — ${list}.`,
    sizeUnknown: 'Программа не уточняет, для компаний какого размера она.',
    invYes: (min: string) => `Планируемые инвестиции не меньше требуемых (${min}).`,
    invNo: (min: string) => `Нужны инвестиции не меньше ${min}.`,
    invNeeded: (min: string) => `Нужны инвестиции не меньше ${min}: укажите, сколько вы готовы вложить.`,
    ageYes: (a: number, r: string) => `Возраст компании ${a} лет укладывается в требование (${r}).`,
    ageNo: (a: number, r: string) => `Возраст компании ${a} лет не подходит: нужно ${r}.`,
    ageUnknown: 'Требований к возрасту компании программа не называет.',
    headYes: (n: number, r: string) => `Численность ${n} чел. подходит (${r}).`,
    headNo: (n: number, r: string) => `Численность ${n} чел. не подходит: нужно ${r}.`,
    headUnknown: 'Требований к численности программа не называет.',
    revYes: 'Выручка в пределах ограничения программы.',
    revNo: (max: string) => `Выручка больше допустимой (${max}).`,
    revMaybe: (max: string) => `Выручка может превышать ограничение (${max}): уточните.`,
    revUnknown: 'Ограничений по выручке программа не называет.',
    indYes: (x: string) => `Отрасль «${x}» входит в программу.`,
    indNo: (x: string, list: string) => `Отрасль «${x}» не входит в программу (${list}).`,
    indUnknown: 'Программа не ограничена отраслями или не называет их.',
    indMaybe: (list: string) => `Программа только для отраслей: ${list} — уточните, относится ли к ним ваша деятельность.`,
    check: (what: string) => `Проверьте: ${what}`,
    terYes: (x: string) => `Территория «${x}» подходит.`,
    terNo: (x: string, list: string) => `Территория «${x}» не подходит: программа действует в — ${list}.`,
    terMaybe: (list: string) => `Программа только для компаний на территории: ${list}.`,
    terUnknown: 'Программа не указывает территорию.',
    goalYes: (x: string) => `Помогает с целью «${x}».`,
    goalNo: (x: string) => `Цель «${x}» — не основная для этой программы.`,
    statusYes: (x: string) => `Нужен статус «${x}» — он у вас есть.`,
    statusNeeded: (x: string) => `Нужен статус «${x}».`,
    range: (min: number | null, max: number | null) =>
      min !== null && max !== null ? `от ${min} до ${max}` : min !== null ? `не меньше ${min}` : `не больше ${max}`,
    money: (n: number) => `${Math.round(n / 1_000_000).toLocaleString('ru-RU')} млн ₽`,
  },
  en: {
    applicantYes: (x: string) => `Open to applicants of type “${x}”.`,
    applicantNo: (x: string, list: string) => `Not open to “${x}”: the programme is for ${list}.`,
    applicantUnknown: 'The programme does not say who may apply.',
    sizeYes: (x: string) => `The company size “${x}” fits.`,
    sizeNo: (x: string, list: string) => `The company size “${x}” does not fit: the programme is for ${list}.`,
    sizeUnknown: 'The programme does not say which company sizes it is for.',
    invYes: (min: string) => `The planned investment meets the minimum (${min}).`,
    invNo: (min: string) => `An investment of at least ${min} is required.`,
    invNeeded: (min: string) => `An investment of at least ${min} is required: say how much you plan to invest.`,
    ageYes: (a: number, r: string) => `A company age of ${a} years fits the requirement (${r}).`,
    ageNo: (a: number, r: string) => `A company age of ${a} years does not fit: ${r} required.`,
    ageUnknown: 'The programme names no company-age requirement.',
    headYes: (n: number, r: string) => `A headcount of ${n} fits (${r}).`,
    headNo: (n: number, r: string) => `A headcount of ${n} does not fit: ${r} required.`,
    headUnknown: 'The programme names no headcount requirement.',
    revYes: 'Revenue is within the programme’s limit.',
    revNo: (max: string) => `Revenue is above the limit (${max}).`,
    revMaybe: (max: string) => `Revenue may exceed the limit (${max}): check.`,
    revUnknown: 'The programme names no revenue limit.',
    indYes: (x: string) => `The industry “${x}” is covered.`,
    indNo: (x: string, list: string) => `The industry “${x}” is not covered (${list}).`,
    indUnknown: 'The programme is not limited to industries, or does not name them.',
    indMaybe: (list: string) => `Only for: ${list}. Check whether your activity is one of them.`,
    check: (what: string) => `Check: ${what}`,
    terYes: (x: string) => `The territory “${x}” fits.`,
    terNo: (x: string, list: string) => `The territory “${x}” does not fit: the programme runs in ${list}.`,
    terMaybe: (list: string) => `Only for companies located in: ${list}.`,
    terUnknown: 'The programme names no territory.',
    goalYes: (x: string) => `Helps with “${x}”.`,
    goalNo: (x: string) => `“${x}” is not what this programme is for.`,
    statusYes: (x: string) => `Requires the status “${x}”, which you have.`,
    statusNeeded: (x: string) => `Requires the status “${x}”.`,
    range: (min: number | null, max: number | null) =>
      min !== null && max !== null ? `${min} to ${max}` : min !== null ? `at least ${min}` : `at most ${max}`,
    money: (n: number) => `RUB ${Math.round(n / 1_000_000).toLocaleString('en-GB')}m`,
  },
};

const FIT_RANK: Record<MatchOutcome['fit'], number> = { fits: 2, partly: 1, does_not_fit: 0 };

const within = (value: number, min: number | null | undefined, max: number | null | undefined): boolean =>
  (min == null || value >= min) && (max == null || value <= max);

/**
 * Judges one programme against a company, criterion by criterion, in plain words.
 * A criterion the company did not answer is left out; one the programme does not
 * state is "not_stated" (no obstacle). A programme fits when every stated condition
 * is met, may fit when some depend on what the company has to check, and does not
 * fit when one is unmet. Rank: by that, then most met, then fewest open questions.
 */
export function matchProgramme(p: MatchableProgramme, company: CompanyProfile, vocabulary: MatchVocabulary, lang: Lang): MatchOutcome {
  const w = words[lang];
  const c = p.eligibility;
  const out: CriterionResult[] = [];
  const list = (facet: 'applicantType' | 'size' | 'industry' | 'territory', codes: string[]) =>
    codes.map((x) => vocabulary.label(facet, x)).join(', ');
  /**
   * The company's codes against the codes a programme names, in a tree (places, industries): the
   * programme covers one of them or a term containing it (met), or names only terms inside them
   * (a site within the company's city, electronics within manufacturing): it depends (unknown).
   */
  const within = (facet: 'territory' | 'industry', mine: string[], allowed: string[]) => {
    const ancestors = new Set<string>();
    for (const code of mine) for (let t: string | null = code; t; t = vocabulary.parentOf(facet, t)) ancestors.add(t);
    const covers = allowed.some((a) => ancestors.has(a));
    const inside = allowed.some((a) => {
      for (let t: string | null = vocabulary.parentOf(facet, a); t; t = vocabulary.parentOf(facet, t)) if (mine.includes(t)) return true;
      return false;
    });
    return { covers, inside };
  };

  /** A code the company gave against the codes a programme is open to: within them, outside them, or none stated. */
  const codes = (
    criterion: 'applicantType' | 'size' | 'industry',
    answer: string,
    allowed: string[],
    say: { yes: (x: string) => string; no: (x: string, list: string) => string; unknown: string },
  ): CriterionResult => {
    const x = vocabulary.label(criterion, answer);
    if (allowed.length === 0) return { criterion, status: 'not_stated', explanation: say.unknown };
    return allowed.includes(answer)
      ? { criterion, status: 'met', explanation: say.yes(x) }
      : { criterion, status: 'not_met', explanation: say.no(x, list(criterion, allowed)) };
  };

  if (company.applicantType) {
    out.push(
      codes('applicantType', company.applicantType, union(p.applicantTypes, c.applicantTypes), {
        yes: w.applicantYes,
        no: w.applicantNo,
        unknown: w.applicantUnknown,
      }),
    );
  }
  if (company.size) {
    out.push(codes('size', company.size, union(p.sizes, c.sizes), { yes: w.sizeYes, no: w.sizeNo, unknown: w.sizeUnknown }));
  }
  if (company.companyAgeYears !== undefined) {
    out.push(
      rangeCriterion(
        'companyAge',
        company.companyAgeYears,
        c.companyAgeMinYears,
        c.companyAgeMaxYears,
        { yes: w.ageYes, no: w.ageNo, unknown: w.ageUnknown },
        w.range,
      ),
    );
  }
  if (company.headcount !== undefined) {
    out.push(
      rangeCriterion(
        'headcount',
        company.headcount,
        c.headcountMin,
        c.headcountMax,
        { yes: w.headYes, no: w.headNo, unknown: w.headUnknown },
        w.range,
      ),
    );
  }
  if (company.revenueBand) {
    const band = REVENUE_BANDS[company.revenueBand];
    const max = c.revenueMaxRub ?? null;
    out.push({
      criterion: 'revenue',
      ...(max === null
        ? { status: 'not_stated', explanation: w.revUnknown }
        : band.max <= max
          ? { status: 'met', explanation: w.revYes }
          : band.min >= max
            ? { status: 'not_met', explanation: w.revNo(w.money(max)) }
            : { status: 'unknown', explanation: w.revMaybe(w.money(max)) }),
    });
  }
  const industries = [
    ...new Set([...(company.industry ? [company.industry] : []), ...(company.okved ? (placeOkved(company.okved)?.industries ?? []) : [])]),
  ];
  if (industries.length) {
    const allowed = union(p.industries, c.industries);
    const x = industries.map((code) => vocabulary.label('industry', code)).join(', ');
    const { covers, inside } = within('industry', industries, allowed);
    out.push({
      criterion: 'industry',
      ...(allowed.length === 0
        ? { status: 'not_stated', explanation: w.indUnknown }
        : covers
          ? { status: 'met', explanation: w.indYes(x) }
          : inside
            ? { status: 'unknown', explanation: w.indMaybe(list('industry', allowed)) }
            : { status: 'not_met', explanation: w.indNo(x, list('industry', allowed)) }),
    });
  }
  if (company.territory) {
    const areas = union(p.territories, c.territories);
    const x = vocabulary.label('territory', company.territory);
    const { covers, inside } = within('territory', [company.territory], areas);
    out.push({
      criterion: 'territory',
      ...(areas.length === 0
        ? { status: 'not_stated', explanation: w.terUnknown }
        : covers
          ? { status: 'met', explanation: w.terYes(x) }
          : inside
            ? { status: 'unknown', explanation: w.terMaybe(list('territory', areas)) }
            : { status: 'not_met', explanation: w.terNo(x, list('territory', areas)) }),
    });
  }
  // a threshold the programme states is a condition whether or not the company said how much it invests
  if (c.investmentMinRub != null) {
    const min = w.money(c.investmentMinRub);
    out.push(
      company.investmentRub === undefined
        ? { criterion: 'investment', status: 'unknown', explanation: w.invNeeded(min) }
        : company.investmentRub >= c.investmentMinRub
          ? { criterion: 'investment', status: 'met', explanation: w.invYes(min) }
          : { criterion: 'investment', status: 'not_met', explanation: w.invNo(min) },
    );
  }
  const goals = company.goal === undefined ? [] : Array.isArray(company.goal) ? company.goal : [company.goal];
  if (goals.length) {
    const served = goals.filter((g) => p.objectives.includes(g));
    const x = (served.length ? served : goals).map((g) => vocabulary.label('objective', g)).join('», «');
    out.push(
      served.length
        ? { criterion: 'goal', status: 'met', explanation: w.goalYes(x) }
        : { criterion: 'goal', status: 'not_met', explanation: w.goalNo(x) },
    );
  }
  for (const required of c.requiredStatuses ?? []) {
    const x = vocabulary.label('status', required);
    out.push(
      company.statuses?.includes(required)
        ? { criterion: 'status', status: 'met', explanation: w.statusYes(x) }
        : { criterion: 'status', status: company.statuses ? 'not_met' : 'unknown', explanation: w.statusNeeded(x) },
    );
  }

  // a condition only the company can check: never "fits" while one is listed, and each is named
  for (const check of p.checks)
    out.push({ criterion: 'check', status: 'unknown', explanation: w.check((lang === 'en' && check.en) || check.ru) });

  const met = out.filter((r) => r.status === 'met').length;
  const notMet = out.filter((r) => r.status === 'not_met').length;
  const unknown = out.filter((r) => r.status === 'unknown').length;
  const fit = notMet > 0 ? 'does_not_fit' : unknown > 0 ? 'partly' : 'fits';
  return {
    fit,
    // the groups in order (fits, then may fit, then not); within one, more met, then fewer open questions or misses
    score: FIT_RANK[fit] * 10_000 - notMet * 100 + met * 10 - unknown,
    criteria: out,
  };
}

const union = (a: string[], b: string[] | undefined): string[] => [...new Set([...a, ...(b ?? [])])];

/** A number the programme bounds (company age, headcount): within, outside, or no bound stated. */
function rangeCriterion(
  criterion: 'companyAge' | 'headcount',
  value: number,
  min: number | null | undefined,
  max: number | null | undefined,
  say: { yes: (v: number, r: string) => string; no: (v: number, r: string) => string; unknown: string },
  range: (min: number | null, max: number | null) => string,
): CriterionResult {
  if (min == null && max == null) return { criterion, status: 'not_stated', explanation: say.unknown };
  const bounds = range(min ?? null, max ?? null);
  return within(value, min, max)
    ? { criterion, status: 'met', explanation: say.yes(value, bounds) }
    : { criterion, status: 'not_met', explanation: say.no(value, bounds) };
}
