import type { FieldProblem } from '@app/common';
import type { ProgrammeView } from './dto/programme-view.dto';
import { isHomePage, looksEnglish } from './official-sites';
import type { KeyFact, ProgrammeSource } from './programme.types';

/** What the publishing rules read of an entry: its view, before its own `curation.problems` are added. */
export type RuleInput = Pick<ProgrammeView, 'keyFacts' | 'provider'> & {
  timing: Pick<ProgrammeView['timing'], 'availability'>;
  application: Pick<ProgrammeView['application'], 'applyUrl' | 'applyUrlEn' | 'steps' | 'contacts'>;
  curation: Pick<ProgrammeView['curation'], 'sources'>;
};

/** A figure about money, rates or law: what an entrepreneur gets, or any rouble or percent figure. */
export const isTermsFact = (f: Pick<KeyFact, 'group' | 'unit'>): boolean =>
  f.group === 'benefit' || f.unit === 'rub' || f.unit === 'percent';

/** Whether a source may stand alone behind a figure about money, rates or law: an official page, or a dated news report. */
export const canBackTerms = (s: Pick<ProgrammeSource, 'kind' | 'publishedOn'>): boolean =>
  s.kind === 'official' || (s.kind === 'media' && s.publishedOn !== null);

/** Whether an entry names an official contact: the programme's own phone or e-mail, or its provider's. */
export const hasOfficialContact = (p: Pick<RuleInput, 'application' | 'provider'>): boolean =>
  !!(p.application.contacts.phone || p.application.contacts.email || p.provider.phone || p.provider.email);

/**
 * What an entry must fix before it can be published, each beside its field. An entrepreneur
 * must be able to act on every published entry: it says where its facts come from (and those
 * about money, rates or law come from an official page or a dated news report), whether it is
 * open (from a source), and how to act (an official deep link or an official contact).
 * Drafts may break them; the admin list filters entries that do.
 */
export function publishProblems(p: RuleInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => {
    const existing = problems.find((x) => x.field === field);
    if (existing) existing.messages.push(message);
    else problems.push({ field, messages: [message] });
  };
  const sources = new Map(p.curation.sources.map((s) => [s.key, s]));
  if (!sources.size) add('curation.sources', 'add at least one source before publishing');
  if (!p.application.steps.length) add('application.steps', 'add at least one application step before publishing');

  const { applyUrl, applyUrlEn } = p.application;
  if (!applyUrl && !applyUrlEn && !hasOfficialContact(p))
    add(
      'application.applyUrl',
      "add a link to the programme's own official page, or an official contact (a phone or e-mail of the programme or its provider), before publishing",
    );
  const home = "must lead to the programme's own page, not the home page of a portal or of the provider's site";
  if (applyUrl && isHomePage(applyUrl, p.provider.url)) add('application.applyUrl', home);
  if (applyUrl && looksEnglish(applyUrl))
    add('application.applyUrl', 'the Russian page must link to a Russian page; put an English one in applyUrlEn');
  if (applyUrlEn && isHomePage(applyUrlEn, p.provider.url)) add('application.applyUrlEn', home);

  p.keyFacts.forEach((f, i) => {
    const s = sources.get(f.source);
    if (s && isTermsFact(f) && !canBackTerms(s))
      add(
        `keyFacts.${i}.source`,
        `a figure about money, rates or law needs an official source or a dated news report; "${s.publisher}" is ${
          s.kind === 'media' ? 'an undated news page' : 'not official'
        } and may only support one`,
      );
  });

  const a = p.timing.availability;
  const cited = (key: string | null) => (key ? sources.get(key) : undefined);
  if (a.kind === 'standing' || a.kind === 'closed') {
    const s = cited(a.source);
    if (!s) add('timing.availability.source', `"${a.kind}" must cite the official page that says so`);
    else if (s.kind !== 'official')
      add('timing.availability.source', `"${a.kind}" must rest on an official page; "${s.publisher}" is not one`);
  }
  if (a.kind === 'rounds') {
    if (!a.rounds.length) add('timing.availability.rounds', 'add the rounds, or choose "not confirmed"');
    a.rounds.forEach((r, i) => {
      const s = cited(r.source);
      if (!s) add(`timing.availability.rounds.${i}.source`, 'cite the page that announces this round');
      else if (!canBackTerms(s))
        add(`timing.availability.rounds.${i}.source`, 'a round must rest on an official page or a dated news report');
    });
  }
  return problems;
}
