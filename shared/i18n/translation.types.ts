// English is the reference language: every namespace file writes `en` freely and types `pl` and
// `cs` as Translation<typeof en>. English needs two plural forms (x_one, x_other); Polish and Czech
// need four (Intl.PluralRules: one, few, many, other), so the type asks for all four wherever
// English has a plural. A forgotten key or plural form is then a compile error, and i18n.test.ts
// checks the same at run time against Intl's own plural categories.

export type PluralForm = 'one' | 'few' | 'many' | 'other';

type PluralKey = `${string}_one` | `${string}_other`;

export type Translation<T> = {
  [K in keyof T as K extends PluralKey ? never : K]: T[K] extends string ? string : Translation<T[K]>;
} & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_${PluralForm}` : never]: string;
};

/** What a namespace file exports: the same texts in every language the app speaks. */
export interface Namespace<T> {
  en: T;
  pl: Translation<T>;
  cs: Translation<T>;
}
