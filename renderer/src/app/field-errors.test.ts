import { describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../../shared/contract/errors';
import { fieldIssues } from './field-errors';

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
