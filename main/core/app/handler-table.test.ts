import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, contract } from '../../../shared/contract/commands';
import { handlers } from './handler-table';

describe('handler table', () => {
  it('has exactly one handler for every command of the contract, and nothing else', () => {
    const handled = Object.keys(handlers).sort();
    expect(handled).toEqual([...COMMAND_NAMES].sort());
    for (const name of handled) expect(typeof handlers[name as keyof typeof handlers]).toBe('function');
  });

  it("names every command 'domain:verb'", () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/);
  });
});
