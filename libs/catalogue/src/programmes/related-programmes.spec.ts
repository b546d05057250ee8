import { relatedScore, type CodeWeight, type RelatedProfile } from './related-programmes';

/** The i.moscow grants for growing companies, and programmes around it (codes as the shipped catalogue has them). */
const growthGrants: RelatedProfile = {
  provider: 'moscow-innovation-cluster',
  supportTypes: ['grant_subsidy'],
  objectives: ['get_financing', 'scale_up', 'build_production'],
  industries: ['professional_science', 'research', 'information_technology', 'manufacturing'],
  applicantTypes: ['legal_entity', 'sole_trader'],
  stages: ['early', 'growth', 'mature'],
  status: 'not_confirmed',
};
const evCharging: RelatedProfile = {
  provider: 'moscow-industry-fund',
  supportTypes: ['grant_subsidy', 'infrastructure'],
  objectives: ['get_financing'],
  industries: ['electric_vehicles', 'energy'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  status: 'not_confirmed',
};
const technoparks: RelatedProfile = {
  provider: 'moscow-investment-industrial-policy',
  supportTypes: ['tax_relief', 'grant_subsidy', 'premises', 'infrastructure'],
  objectives: ['reduce_taxes', 'find_premises', 'build_production', 'get_financing'],
  industries: ['research', 'information_technology', 'manufacturing', 'electronics'],
  applicantTypes: ['legal_entity'],
  stages: ['growth', 'mature'],
  status: 'not_confirmed',
};
const angels: RelatedProfile = {
  provider: 'moscow-innovation-cluster',
  supportTypes: ['grant_subsidy'],
  objectives: ['find_investors', 'get_financing'],
  industries: [],
  applicantTypes: ['individual'],
  stages: [],
  status: 'not_confirmed',
};

/** Half the catalogue gives grants and financing; few are for scaling up or for IT. */
const frequency: Record<string, number> = {
  grant_subsidy: 10,
  get_financing: 12,
  build_production: 10,
  scale_up: 3,
  information_technology: 3,
};
const weight: CodeWeight = (_facet, code) => Math.log(1 + 24 / (frequency[code] ?? 5));

describe('relatedScore', () => {
  it('leaves out a programme for other industries, even with the same kind of support and goal (EV charging for i.moscow grants)', () => {
    expect(relatedScore(growthGrants, evCharging, weight)).toBeNull();
    expect(relatedScore(evCharging, growthGrants, weight)).toBeNull();
  });

  it('leaves out a programme for other applicants (business angels are people, the grants are for companies)', () => {
    expect(relatedScore(growthGrants, angels, weight)).toBeNull();
  });

  it('leaves out a programme that meets no need of the same kind', () => {
    const premisesOnly: RelatedProfile = { ...technoparks, supportTypes: ['premises'], objectives: ['find_premises'] };
    expect(relatedScore(growthGrants, premisesOnly, weight)).toBeNull();
  });

  it('counts shared rare codes and industries more than shared common ones', () => {
    const commonOnly: RelatedProfile = { ...technoparks, objectives: ['get_financing'], industries: [] };
    expect(relatedScore(growthGrants, technoparks, weight)!).toBeGreaterThan(relatedScore(growthGrants, commonOnly, weight)!);
    const rare: RelatedProfile = { ...commonOnly, objectives: ['scale_up'] };
    expect(relatedScore(growthGrants, rare, weight)!).toBeGreaterThan(relatedScore(growthGrants, commonOnly, weight)!);
  });

  it('prefers a programme taking applications, and puts a closed one last', () => {
    const open = relatedScore(growthGrants, { ...technoparks, status: 'open' }, weight)!;
    const unknown = relatedScore(growthGrants, technoparks, weight)!;
    const closed = relatedScore(growthGrants, { ...technoparks, status: 'closed' }, weight)!;
    expect(open).toBeGreaterThan(unknown);
    expect(unknown).toBeGreaterThan(closed);
  });
});
