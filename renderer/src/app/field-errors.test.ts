import { afterEach, describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../../shared/contract/errors';
import { setLanguage } from '../i18n/i18n';
import { fieldIssues, issueMessage } from './field-errors';

const error: AppErrorData = {
  code: 'validation',
  key: 'errors.validation',
  message: 'Invalid input',
  issues: [
    { path: ['office', 'name'], key: 'validation.too_small', message: 'Too small', params: { minimum: 1 } },
    { path: ['office', 'name'], key: 'validation.too_big', message: 'second issue for the same field' },
    { path: ['office', 'code'], key: 'validation.office_code', message: 'validation.office_code' },
    { path: ['other'], key: 'validation.invalid_type', message: 'outside the form' },
  ],
};

afterEach(() => setLanguage('en'));

describe('fieldIssues', () => {
  it('maps issue paths under the prefix to field names, first issue per field', () => {
    const m = fieldIssues(error, ['office']);
    expect(Object.keys(m).sort()).toEqual(['', 'code', 'name']);
    expect(m.name?.key).toBe('validation.too_small');
    expect(m.code?.key).toBe('validation.office_code');
    expect(m['']?.path).toEqual(['other']);
  });

  it('names fields by their whole dotted path without a prefix', () => {
    const m = fieldIssues(error);
    expect(Object.keys(m).sort()).toEqual(['office.code', 'office.name', 'other']);
  });
});

describe('issueMessage', () => {
  it('says "required" for an empty required text, in the current language', () => {
    const issue = fieldIssues(error, ['office']).name!;
    expect(issueMessage(issue)).toBe('This field is required.');
    setLanguage('pl');
    expect(issueMessage(issue)).toBe('To pole jest wymagane.');
  });

  it('uses the issue key with its params, and a generic text for keys it does not know', () => {
    expect(issueMessage({ path: [], key: 'validation.too_small', message: '', params: { minimum: 2 } })).toBe(
      'Too short (at least 2).',
    );
    expect(issueMessage({ path: [], key: 'validation.office_code', message: '' })).toBe(
      'Use 2 to 8 capital letters or digits.',
    );
    expect(issueMessage({ path: [], key: 'validation.never_heard_of', message: '' })).toBe(
      'This value is not valid.',
    );
  });
});
