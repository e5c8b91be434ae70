import Type from 'typebox';
import Value from 'typebox/value';
import type { TSchema, Static, TObject } from 'typebox';
import type { MessageKey, Params } from './i18n.ts';

export interface FieldError {
  key: MessageKey;
  params?: Params;
}
export type FieldErrors = Record<string, FieldError>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<S extends TSchema> = { ok: true; value: Static<S> } | { ok: false; errors: FieldErrors; values: FormValues };

/** Text people cannot have meant: NUL (PostgreSQL refuses it) and U+FFFD (what invalid UTF-8 decodes to). */
const UNUSABLE = /[\u0000\uFFFD]/;

/**
 * Reads a URL-encoded form against a TypeBox object schema: keeps only the schema's fields, trims text,
 * turns repeated fields into arrays, and maps schema failures to messages in the reader's language.
 * The same schema describes the JSON API, so forms and API reject the same things.
 */
export function parseForm<S extends TObject>(schema: S, body: unknown): FormResult<S> {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: FormValues = {};
  const errors: FieldErrors = {};
  for (const [name, prop] of Object.entries(schema.properties) as [string, TSchema & { type?: string }][]) {
    const input = raw[name];
    if (prop.type === 'array') {
      const list = input === undefined ? [] : Array.isArray(input) ? input : [input];
      values[name] = list.map((v) => String(v).trim()).filter((v) => v !== '');
    } else if (prop.type === 'boolean') {
      values[name] = input === undefined || input === '' ? '' : String(input);
    } else {
      values[name] = Array.isArray(input) ? String(input[0] ?? '').trim() : String(input ?? '').trim();
    }
    const all = ([] as string[]).concat(values[name]);
    if (all.some((v) => UNUSABLE.test(v))) errors[name] = { key: 'form.error.invalidCharacters' };
  }
  const candidate = coerce(schema, values);
  for (const [field, error] of Object.entries(checkValue(schema, candidate))) errors[field] ??= error;
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, value: candidate as Static<S> };
}

/** Top-level fields of a JSON body holding unusable text anywhere inside them. */
export function unusableFields(body: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!body || typeof body !== 'object') return errors;
  for (const [name, value] of Object.entries(body)) {
    if (holdsUnusable(value)) errors[name] = { key: 'form.error.invalidCharacters' };
  }
  return errors;
}

function holdsUnusable(value: unknown): boolean {
  if (typeof value === 'string') return UNUSABLE.test(value);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => UNUSABLE.test(k) || holdsUnusable(v));
  return false;
}

/** Field errors for a value against a schema (first error per top-level field), in message keys. */
export function checkValue(schema: TSchema, value: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const error of Value.Errors(schema, value)) {
    const params = error.params as Record<string, unknown> & { requiredProperties?: string[] };
    const field = error.instancePath.split('/')[1] || String(params.requiredProperties?.[0] ?? '');
    if (!field || errors[field]) continue;
    errors[field] = describe(error.keyword, params, value[field] ?? '');
  }
  return errors;
}

function coerce(schema: TObject, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(schema.properties) as [string, TSchema & { type?: string }][]) {
    const v = values[name];
    if (prop.type === 'boolean') out[name] = v === 'on' || v === 'true' || v === 'yes';
    else if (prop.type === 'integer' || prop.type === 'number') out[name] = v === '' ? undefined : Number(v);
    else if (v === '' && !schema.required?.includes(name)) continue;
    else out[name] = v;
  }
  return out;
}

function describe(keyword: string, params: Record<string, unknown>, value: unknown): FieldError {
  const empty = value === '' || (Array.isArray(value) && value.length === 0);
  switch (keyword) {
    case 'required':
      return { key: 'form.error.required' };
    case 'minLength':
      return empty ? { key: 'form.error.required' } : { key: 'form.error.tooShort', params: { min: Number(params.limit) } };
    case 'maxLength':
      return { key: 'form.error.tooLong', params: { max: Number(params.limit) } };
    case 'maxItems':
      return { key: 'form.error.tooMany', params: { max: Number(params.limit) } };
    case 'minItems':
      return empty ? { key: 'form.error.required' } : { key: 'form.error.invalid' };
    case 'format':
      return params.format === 'email' ? { key: 'form.error.email' } : { key: 'form.error.invalid' };
    case 'const':
      return params.allowedValue === true ? { key: 'form.error.mustAccept' } : { key: 'form.error.choice' };
    case 'anyOf':
    case 'enum':
      return { key: 'form.error.choice' };
    default:
      return { key: 'form.error.invalid' };
  }
}

/** Errors in the order the schema lists its fields, so the summary reads like the form. */
export function inFieldOrder(schema: TObject, errors: FieldErrors): FieldErrors {
  const order = Object.keys(schema.properties);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
}

/** Field types the forms share: text between lengths, an optional date, a web address (optional or required). */
export const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
export const Day = Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' });
export const WebAddress = (required: boolean) => Type.String({ maxLength: 2000, pattern: required ? '^https?://[^\\s]+$' : '^(https?://[^\\s]+)?$' });

/** A stored row's text columns as form values, for an edit form to start from. */
export const textValues = (row: object): FormValues => Object.fromEntries(Object.entries(row).filter(([, v]) => typeof v === 'string'));
