import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, ValidateNested } from 'class-validator';
import { CreateTermDto, UpdateOrganisationDto } from '@app/catalogue';
import { DomainError } from '@app/common';
import { formValues, readForm, sidesChosen, VersionForm, WorkingVersionForm } from './form-input';

class Label {
  @IsString() ru: string;
  @IsOptional() @IsString() en?: string | null;
}

class Sample {
  @IsOptional() @IsString() @MaxLength(5) name?: string | null;
  @IsBoolean() confirm: boolean;
  @IsArray() @IsIn(['a', 'b', 'c'], { each: true }) tags: string[];
  @IsOptional() @IsInt() @Max(10_000_000) amount?: number;
  @ValidateNested() @Type(() => Label) label: Label;
}

const refusal = async (work: Promise<unknown>): Promise<DomainError> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('reading an admin form as a DTO', () => {
  it('follows HTML forms: dotted names nest, text is trimmed, blank is null, the CSRF token is not a value', () => {
    expect(formValues(undefined, { _csrf: 't', 'label.ru': ' Грант ', 'label.en': '  ', slug: 'x' })).toEqual({
      label: { ru: 'Грант', en: null },
      slug: 'x',
    });
  });

  it('reads a checkbox left unticked as false, and a ticked one as true', () => {
    expect(formValues(Sample, {})).toMatchObject({ confirm: false });
    expect(formValues(Sample, { confirm: 'yes' })).toMatchObject({ confirm: true });
  });

  it('reads a repeated input as a list, one value as a list of one, none as an empty list', () => {
    expect(formValues(Sample, { tags: ['a', ' b ', ''] }).tags).toEqual(['a', 'b']);
    expect(formValues(Sample, { tags: 'c' }).tags).toEqual(['c']);
    expect(formValues(Sample, {}).tags).toEqual([]);
  });

  it('reads numbers as people type them, leaves a blank one out and keeps an unreadable one for validation to name', () => {
    expect(formValues(Sample, { amount: '5 000 000' }).amount).toBe(5_000_000);
    expect(formValues(Sample, { amount: '7,5' }).amount).toBe(7.5);
    expect(formValues(Sample, { amount: '' })).not.toHaveProperty('amount');
    expect(formValues(Sample, { amount: 'lots' }).amount).toBe('lots');
  });

  it('turns numbered rows into a list in row order, without rows left blank', () => {
    expect(formValues(undefined, { 'rows.10.a': 'z', 'rows.2.a': 'y', 'rows.2.b': '', 'rows.3.a': '', 'rows.3.b': ' ' })).toEqual({
      rows: [{ a: 'y', b: null }, { a: 'z' }],
    });
  });

  it('answers a bad value with the API’s VALIDATION_FAILED error, naming the field with the API’s message', async () => {
    const error = await refusal(readForm(CreateTermDto, { code: 'Bad Code', 'label.ru': 'Грант', position: 'first' }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'VALIDATION_FAILED' });
    const fields = Object.fromEntries((error.details as { field: string; messages: string[] }[]).map((p) => [p.field, p.messages]));
    expect(fields.code).toEqual(['code must be lowercase letters, digits and underscores']);
    expect(fields.position).toContain('position must be an integer number');
  });

  it('refuses an input the DTO does not declare, as the API does', async () => {
    const error = await refusal(readForm(CreateTermDto, { code: 'grant', 'label.ru': 'Грант', colour: 'red' }));
    expect(error.details).toEqual([{ field: 'colour', messages: ['property colour should not exist'] }]);
  });

  it('gives the API’s own DTO class, blank inputs as null (a cleared field)', async () => {
    const dto = await readForm(UpdateOrganisationDto, { 'name.ru': 'Фонд', url: '', 'address.ru': ' ' });
    expect(dto).toBeInstanceOf(UpdateOrganisationDto);
    expect(dto).toMatchObject({ name: { ru: 'Фонд' }, url: null, address: { ru: null } });
  });

  it('reads the version a form was drawn at; a missing or damaged one matches no version', async () => {
    expect((await readForm(VersionForm, { version: '7' })).version).toEqual({ version: 7 });
    // never "any version" (issue 26): versions start at 1, so 0 matches none
    for (const version of [undefined, '', 'x', '0', '07', '*', '-3'])
      expect((await readForm(VersionForm, version === undefined ? {} : { version })).version).toEqual({ version: 0 });
    expect((await readForm(WorkingVersionForm, { version: 'p3' })).version).toEqual({ kind: 'pending', version: 3 });
    expect((await readForm(WorkingVersionForm, { version: '' })).version).toEqual({ kind: 'live', version: -1 });
  });

  it('gives a conflict page’s choices back by field path, keeping only the sides offered', () => {
    const { choice } = formValues(undefined, {
      'choice.title.ru': 'mine',
      'choice.benefit.amountMax': 'theirs',
      'choice.summary.en': 'both',
    });
    expect(sidesChosen(choice, ['mine', 'theirs'])).toEqual({ 'title.ru': 'mine', 'benefit.amountMax': 'theirs' });
    expect(sidesChosen(undefined, ['mine', 'theirs'])).toEqual({});
  });
});
