/**
 * The national classifier of economic activities (ОКВЭД 2, OK 029-2014): its sections, the
 * divisions (first two digits of a code) each covers, and the industry term the catalogue
 * files a section under. A company's code such as "62.01" or "10.71.1" places it in a section
 * and, where the catalogue has a narrower term for its class, in that term too.
 */
interface Section {
  letter: string;
  /** Divisions, inclusive. */
  from: number;
  to: number;
  /** The industry term of the section; null for sections no programme is for (public administration, households). */
  industry: string | null;
}

export const OKVED_SECTIONS: readonly Section[] = [
  { letter: 'A', from: 1, to: 3, industry: 'agriculture' },
  { letter: 'B', from: 5, to: 9, industry: 'mining' },
  { letter: 'C', from: 10, to: 33, industry: 'manufacturing' },
  { letter: 'D', from: 35, to: 35, industry: 'energy' },
  { letter: 'E', from: 36, to: 39, industry: 'water_waste' },
  { letter: 'F', from: 41, to: 43, industry: 'construction' },
  { letter: 'G', from: 45, to: 47, industry: 'trade' },
  { letter: 'H', from: 49, to: 53, industry: 'transport_logistics' },
  { letter: 'I', from: 55, to: 56, industry: 'hospitality_food' },
  { letter: 'J', from: 58, to: 63, industry: 'information_technology' },
  { letter: 'K', from: 64, to: 66, industry: 'finance' },
  { letter: 'L', from: 68, to: 68, industry: 'real_estate' },
  { letter: 'M', from: 69, to: 75, industry: 'professional_science' },
  { letter: 'N', from: 77, to: 82, industry: 'administrative_services' },
  { letter: 'O', from: 84, to: 84, industry: null },
  { letter: 'P', from: 85, to: 85, industry: 'education' },
  { letter: 'Q', from: 86, to: 88, industry: 'healthcare' },
  { letter: 'R', from: 90, to: 93, industry: 'arts_sport_leisure' },
  { letter: 'S', from: 94, to: 96, industry: 'other_services' },
  { letter: 'T', from: 97, to: 98, industry: null },
  { letter: 'U', from: 99, to: 99, industry: null },
];

/** Narrower industry terms by the start of their codes; the longest match wins ("26.6" before "26"). */
export const OKVED_THEMES: readonly { prefix: string; industry: string }[] = [
  { prefix: '10', industry: 'food_production' },
  { prefix: '11', industry: 'food_production' },
  { prefix: '21', industry: 'pharmaceuticals' },
  { prefix: '26', industry: 'electronics' },
  { prefix: '26.6', industry: 'medical_devices' },
  { prefix: '27.2', industry: 'batteries' },
  { prefix: '28.22', industry: 'elevators' },
  { prefix: '32.5', industry: 'medical_devices' },
  { prefix: '58.1', industry: 'creative_industries' },
  { prefix: '59', industry: 'creative_industries' },
  { prefix: '60', industry: 'creative_industries' },
  { prefix: '74.1', industry: 'creative_industries' },
  { prefix: '90', industry: 'creative_industries' },
  { prefix: '72', industry: 'research' },
];

/** "62", "62.01", "10.71.1": a division, then groups of one or two digits. */
export const OKVED_PATTERN = /^\d{2}(\.\d{1,2}){0,3}$/;

export interface OkvedPlace {
  section: string;
  /** The section's industry term, then a narrower one where the catalogue has it. */
  industries: string[];
}

/** Where a code sits; null when it names no division of the classifier. */
export function placeOkved(code: string): OkvedPlace | null {
  if (!OKVED_PATTERN.test(code)) return null;
  const division = Number(code.slice(0, 2));
  const section = OKVED_SECTIONS.find((s) => division >= s.from && division <= s.to);
  if (!section) return null;
  // codes are digits in fixed places ("26.60" is in group "26.6"), so a prefix of the text is a prefix of the code
  const theme = OKVED_THEMES.filter((t) => code.startsWith(t.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return {
    section: section.letter,
    industries: [
      ...(section.industry ? [section.industry] : []),
      ...(theme && theme.industry !== section.industry ? [theme.industry] : []),
    ],
  };
}
