import sv from './locales/sv.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { IntlMessageFormat } from 'intl-messageformat';

export const languages = ['sv', 'en'] as const;
export type Lang = (typeof languages)[number];
export type MessageKey = keyof typeof sv;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Lang, Record<string, string>> = { sv, en };

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}

/** The locale whose plural rules, number and date formats each language follows. */
export const locales: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

// Messages are ICU MessageFormat (`{count, plural, one {# lösning} other {# lösningar}}`, `{weight, number}`), each
// compiled once per language on first use: parsing on every call would cost more than the page around it.
const compiled: Record<Lang, Map<string, IntlMessageFormat>> = { sv: new Map(), en: new Map() };

function message(lang: Lang, key: string, template: string): IntlMessageFormat {
  let format = compiled[lang].get(key);
  if (!format) {
    // Tags are not ICU's business here: a message may say "Bearer <token>", and pages are built by Preact.
    format = new IntlMessageFormat(template, locales[lang], undefined, { ignoreTag: true, formatters });
    compiled[lang].set(key, format);
  }
  return format;
}

/**
 * The Intl formatters messages use, made once per locale and style. intl-messageformat's own memoiser finds them by
 * the JSON of its arguments, made on every plural and number: a fifth of the team board's time. The style objects it
 * passes come from the compiled message and stay the same from call to call, so here they are found by identity
 * (and plural rules by their type, the one option it passes, in a fresh object each time).
 */
const formatters = {
  getNumberFormat: madeOnce(
    (locale: string, style?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, style),
    (style) => style,
  ),
  getDateTimeFormat: madeOnce(
    (locale: string, style?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, style),
    (style) => style,
  ),
  getPluralRules: madeOnce(
    (locale: string, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options),
    (options) => options?.type,
  ),
};

function madeOnce<O, F>(make: (locale: string, options?: O) => F, keyOf: (options?: O) => unknown) {
  const made = new Map<string, Map<unknown, F>>();
  return (locale: string, options?: O): F => {
    let ofLocale = made.get(locale);
    if (!ofLocale) made.set(locale, (ofLocale = new Map()));
    const key = keyOf(options);
    let formatter = ofLocale.get(key);
    if (!formatter) ofLocale.set(key, (formatter = make(locale, options)));
    return formatter;
  };
}

/**
 * Returns a translator; a missing English string falls back to Swedish, a missing key shows the key. A message
 * given too few values shows its placeholders rather than failing the page.
 */
export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params) => {
    const template = catalog[key] ?? sv[key] ?? key;
    if (!template.includes('{') && !template.includes("'")) return template;
    try {
      return String(message(lang, key, template).format(params ?? {}));
    } catch {
      return template;
    }
  };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number as the language writes it: "3,92" and "7 400" in Swedish, "3.92" and "7,400" in English. */
export function formatNumber(value: number, lang: Lang, fractionDigits?: number): string {
  const id = `${lang}:${fractionDigits ?? ''}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(
      locales[lang],
      fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
    );
    numberFormats.set(id, format);
  }
  return format.format(value);
}

/** Picks the language: explicit choice (query or cookie), else the best Accept-Language match, else Swedish. */
export function negotiateLanguage(choice: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(choice)) return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLang) ?? 'sv';
}

// Made once per language: creating an Intl formatter costs far more than formatting with one (a board or an
// event page formats dozens of times).
const dateTimeFormats = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }),
};
export function formatDateTime(date: Date, lang: Lang): string {
  return dateTimeFormats[lang === 'sv' ? 'sv' : 'en'].format(date);
}
const dateFormats = {
  medium: {
    sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }),
    en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }),
  },
  long: {
    sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }),
    en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }),
  },
};
/** The day alone, in Stockholm: "24 nov. 2026" (medium) or "24 november 2026" (long). */
export function formatDate(date: Date, lang: Lang, style: 'medium' | 'long' = 'medium'): string {
  return dateFormats[style][lang === 'sv' ? 'sv' : 'en'].format(date);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(sv, value);
}
