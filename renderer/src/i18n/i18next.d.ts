import 'i18next';
import type { EnglishResources } from './resources';

// Typed keys: t('admin:users.title') that names no English text is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: EnglishResources;
  }
}
