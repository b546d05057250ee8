import type { ClassConstructor } from 'class-transformer';
import { Transform } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, IsDefined } from 'class-validator';
import { parseWorkingTag, type WorkingVersion } from '@app/catalogue';
import { createValidationPipe, exactVersion, type ExpectedVersion } from '@app/common';

/** A urlencoded form post as Express reads it: a repeated name becomes a list. */
export type FormBody = Record<string, string | string[] | undefined>;

/** The pipe the JSON API validates every body with: the admin pages read their forms with the very same one. */
const API_PIPE = createValidationPipe();

/**
 * A form post as the DTO `type`: the admin API's own class, or a form's class that extends it
 * with what only the form sends (the version it was drawn at, a confirmation tick). The values
 * go through the API's ValidationPipe, so a bad one is the same `VALIDATION_FAILED` domain error,
 * with the same message per field, as the API answers: the page shows each beside its input.
 * How a form's inputs become the DTO's values is `formValues`.
 */
export async function readForm<T extends object>(type: ClassConstructor<T>, body: FormBody): Promise<T> {
  return validateAs(type, formValues(type, body));
}

/** Values already read from a form (`formValues`, then what only that form adds) through the API's pipe, as the DTO `type`. */
export async function validateAs<T extends object>(type: ClassConstructor<T>, values: Record<string, unknown>): Promise<T> {
  return (await API_PIPE.transform(values, { type: 'body', metatype: type })) as T;
}

const BUILT_IN = new Set<unknown>([Object, String, Number, Boolean, Array, Date, Function]);
/** Inputs the browser sends that are never part of a DTO: the CSRF token, checked before the handler runs. */
const FORM_ONLY = new Set(['_csrf']);

/**
 * The plain values a DTO class reads from a form, following HTML forms' conventions:
 * - dotted names nest (`label.ru`), a number in the name is a row of a list (`steps.0.url`), rows kept in order and those left blank dropped;
 * - text is trimmed; a blank input is `null` (the form always sends its inputs, so blank means none);
 * - by the type a property is declared with (its TypeScript type, or else its validators and `@Type`, for
 *   properties the catalogue declares from its field list): a `boolean` is a checkbox (absent is `false`,
 *   sent is `true`); a list (`string[]`) takes every value of a repeated input, none is an empty list; a
 *   `number` reads "5 000 000" and "7,5", a blank one is left out, anything else stays text for validation
 *   to name; another class is a nested object, read the same way, and so is each row of a list of them;
 * - names the class does not declare are passed on, so validation names them ("should not exist").
 */
export function formValues(type: ClassConstructor<object> | undefined, body: Record<string, unknown>): Record<string, unknown> {
  const nested = nest(body);
  return type ? shape(type, nested) : nested;
}

function nest(body: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (FORM_ONLY.has(name) || value === undefined) continue;
    const path = name.split('.');
    let at: Record<string, unknown> = root;
    path.forEach((key, i) => {
      if (i === path.length - 1) at[key] = clean(value);
      else at = (at[key] = isObject(at[key]) ? at[key] : {}) as Record<string, unknown>;
    });
  }
  return rowsToLists(root) as Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Trimmed text, blank as null; a repeated input, its non-blank values. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return value;
}

/** Objects keyed only by row numbers become lists in row order, without rows left wholly blank. */
function rowsToLists(value: unknown): unknown {
  if (!isObject(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, rowsToLists(v)] as const);
  if (entries.length && entries.every(([k]) => /^\d{1,3}$/.test(k))) {
    return entries
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, row]) => row)
      .filter((row) => !blank(row));
  }
  return Object.fromEntries(entries);
}

/** Nothing was typed: null, absent, an empty list, or an object holding only those. */
export const blank = (v: unknown): boolean =>
  v === null || v === undefined || (Array.isArray(v) ? v.length === 0 : isObject(v) && Object.values(v).every(blank));

/** The properties a class declares for validation (its own and its ancestors'), in declaration order. */
export function declaredProperties(type: ClassConstructor<object>): string[] {
  return [...new Set(validations(type).map((m) => m.propertyName))];
}

const validations = (type: ClassConstructor<object>) => getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);

/** What a property holds, as a form reads it. */
export interface Declared {
  kind: 'boolean' | 'number' | 'text' | 'object';
  /** A list: of texts (codes), or of rows of `type`. */
  list: boolean;
  /** The class of an object, or of each row of a list. */
  type?: ClassConstructor<object>;
  /** It may be left out (`IsOptional`, or only checked when present). */
  optional: boolean;
}

const isClass = (t: unknown): t is ClassConstructor<object> => typeof t === 'function' && !BUILT_IN.has(t);

/**
 * What a property holds: from its TypeScript type where one was emitted, else from its validators
 * (`IsInt`, `IsArray`, …) and its `@Type` (the catalogue declares its described fields from a list, without types).
 */
export function declaredAs(type: ClassConstructor<object>, key: string): Declared {
  const declared = Reflect.getMetadata('design:type', type.prototype as object, key) as unknown;
  const own = validations(type).filter((m) => m.propertyName === key);
  const checks = new Set(own.filter((m) => !m.each).map((m) => m.name));
  const nested = defaultMetadataStorage.findTypeMetadata(type, key)?.typeFunction() as unknown;
  const list = declared === Array || checks.has('isArray');
  const optional = own.some((m) => m.type === 'conditionalValidation');
  if (isClass(nested)) return { kind: 'object', list, type: nested, optional };
  if (isClass(declared)) return { kind: 'object', list, type: declared, optional };
  if (declared === Boolean || checks.has('isBoolean')) return { kind: 'boolean', list, optional };
  if (declared === Number || checks.has('isInt') || checks.has('isNumber')) return { kind: 'number', list, optional };
  return { kind: 'text', list, optional };
}

function shape(type: ClassConstructor<object>, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const key of declaredProperties(type)) {
    const { kind, list, type: nested } = declaredAs(type, key);
    const value = values[key];
    if (kind === 'boolean') out[key] = value !== undefined && value !== null && value !== 'false';
    else if (list) {
      const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      out[key] = nested ? items.map((row) => (isObject(row) ? shape(nested, row) : row)) : items; // rows of a class
    } else if (kind === 'number') {
      const n = numberOf(Array.isArray(value) ? value[value.length - 1] : value);
      if (n === undefined) delete out[key];
      else out[key] = n;
    } else if (nested && isObject(value)) out[key] = shape(nested, value);
    else if (Array.isArray(value)) out[key] = value[value.length - 1] ?? null; // one value, sent twice: the last one counts
  }
  return out;
}

/** Spaces and a decimal comma are accepted ("5 000 000", "7,5"); blank is none; anything else stays as typed. */
function numberOf(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  const n = Number(value.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : value;
}

/**
 * A map a form sends as one input per key, named `prefix.<dotted key>` (the conflict pages' `choice.title.ru`):
 * `formValues` nests those, this gives them back keyed by their dotted path, the values kept.
 */
export function pathsOf(tree: unknown, prefix = ''): Record<string, unknown> {
  if (!isObject(tree)) return prefix ? { [prefix]: tree } : {};
  return Object.assign({}, ...Object.entries(tree).map(([key, value]) => pathsOf(value, prefix ? `${prefix}.${key}` : key)));
}

/** The conflict pages' choices (`choice.<path>` = a side): each path whose value is one of `sides`; anything else counts as no choice. */
export function sidesChosen<S extends string>(tree: unknown, sides: readonly S[]): Record<string, S> {
  return Object.fromEntries(Object.entries(pathsOf(tree)).filter((e): e is [string, S] => sides.includes(e[1] as S)));
}

// a mixin's base must take `any[]` (TypeScript's rule for mixins)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

const NO_VERSION: WorkingVersion = { kind: 'live', version: -1 };
/** Versions start at 1: a form without a readable version expects one no record has, never "any". */
const NO_EXACT_VERSION: ExpectedVersion = exactVersion(0);

/**
 * A form of `Base` that also sends the version it was drawn at (its hidden `version`), for the
 * service's version check where the API reads If-Match. A form without a readable one matches
 * no version (never "any").
 */
export function WithVersion<T extends Constructor>(Base: T) {
  class Versioned extends Base {
    @Transform(({ value }: { value: unknown }) => exactVersion(/^[1-9]\d{0,8}$/.test(String(value ?? '')) ? Number(value) : 0))
    @IsDefined()
    version: ExpectedVersion = NO_EXACT_VERSION;
  }
  return Versioned;
}

/** The same for a programme: the entry's version (`7`) or its pending change's (`p3`). */
export function WithWorkingVersion<T extends Constructor>(Base: T) {
  class Versioned extends Base {
    @Transform(({ value }: { value: unknown }) => parseWorkingTag(String(value ?? '')) ?? NO_VERSION)
    @IsDefined()
    version: WorkingVersion = NO_VERSION;
  }
  return Versioned;
}

/** A form that sends only its version (delete, publish). */
export class VersionForm extends WithVersion(Object) {}
export class WorkingVersionForm extends WithWorkingVersion(Object) {}
