// The types live in shared/ since the core writes files in the user's language too (the report
// files of issue 9 use the reports' own texts); re-exported here for the renderer's namespaces.
export type { Namespace, PluralForm, Translation } from '../../../shared/i18n/translation.types';
