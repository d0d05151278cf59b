import { LegacyPluginError } from 'forklift/legacy-bridge';
import { ErrorCodes, ForkliftBackendError, isForkliftBackendError, messageOf } from '../../../framework/wiring';
import { UsageError } from '../../../codemods/runner';

describe('the error codes table', () => {
  it('has every key equal to its value, each a FORKLIFT_ code', () => {
    for (const [key, value] of Object.entries(ErrorCodes)) {
      expect(value).toBe(key);
      expect(value).toMatch(/^FORKLIFT_[A-Z_]+$/);
    }
  });

  it('holds the legacy bridge and the codemod runner codes too', () => {
    const legacy = new LegacyPluginError('todo', 'plugins/todo.ts', 'createPlugin(env) threw', new Error('boom'));
    expect(legacy.code).toBe(ErrorCodes.FORKLIFT_LEGACY_PLUGIN_FAILED);
    expect(legacy).toBeInstanceOf(ForkliftBackendError);
    expect(legacy.name).toBe('LegacyPluginError');
    expect(legacy.message).toBe("Legacy plugin 'todo' (plugins/todo.ts) failed to start, createPlugin(env) threw: boom");

    const usage = new UsageError(ErrorCodes.FORKLIFT_DIRTY_TREE, 'commit or stash first');
    expect(Object.values(ErrorCodes)).toContain(usage.code);
  });
});

describe('isForkliftBackendError', () => {
  it('accepts errors whose code is in the table, also from another copy of the package', () => {
    expect(isForkliftBackendError(new ForkliftBackendError(ErrorCodes.FORKLIFT_DUPLICATE_PLUGIN, 'twice'))).toBe(true);
    const foreign = Object.assign(new Error('from another copy'), { code: 'FORKLIFT_MISSING_DEPENDENCY' });
    expect(isForkliftBackendError(foreign)).toBe(true);
  });

  it('refuses a code that merely starts like one, and errors without a code', () => {
    expect(isForkliftBackendError(Object.assign(new Error('lookalike'), { code: 'FORKLIFT_SOMETHING_ELSE' }))).toBe(false);
    expect(isForkliftBackendError(Object.assign(new Error('fs'), { code: 'ENOENT' }))).toBe(false);
    expect(isForkliftBackendError(new Error('plain'))).toBe(false);
    expect(isForkliftBackendError('FORKLIFT_DUPLICATE_PLUGIN')).toBe(false);
  });
});

describe('messageOf', () => {
  it('reads the message of errors, of error-like objects from other realms, and prints anything else', () => {
    expect(messageOf(new TypeError('bad type'))).toBe('bad type');
    expect(messageOf({ name: 'SqliteError', message: 'database is locked' })).toBe('database is locked');
    expect(messageOf('thrown text')).toBe('thrown text');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
    expect(messageOf(null)).toBe('null');
  });
});
