import { ConfigError, ConfigReader } from '../../../../framework/services/rootConfig';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const data = {
  backend: {
    baseUrl: 'http://localhost:7007',
    listen: { port: 7007, host: '' },
    cors: { origins: ['http://a', 'http://b'], credentials: true },
    workers: [{ name: 'one' }, { name: 'two', size: 'big' }],
    mixed: ['x', 3],
    flags: { yes: 'yes', off: 'off', one: 1, bad: 'maybe' },
    numbers: { text: ' 42 ', float: '1.5', junk: '12abc' },
  },
  empty: null,
};

describe('ConfigReader', () => {
  const config = new ConfigReader(data, 'app-config.yaml');

  it('has and keys', () => {
    expect(config.has('backend.listen.port')).toBe(true);
    expect(config.has('backend.listen.nope')).toBe(false);
    expect(config.has('backend.baseUrl.deeper')).toBe(false);
    expect(config.has('empty')).toBe(false);
    expect(config.keys()).toEqual(['backend']);
    expect(config.getConfig('backend').keys()).toEqual(['baseUrl', 'listen', 'cors', 'workers', 'mixed', 'flags', 'numbers']);
  });

  it('get and getOptional', () => {
    expect(config.get('backend.listen')).toEqual({ port: 7007, host: '' });
    expect(config.get()).toEqual({ backend: data.backend });
    expect(config.getOptional('backend.none')).toBeUndefined();
    expect(errorOf(() => config.get('backend.none')).message).toBe("Missing required config value at 'backend.none' in 'app-config.yaml'");
    const copy = config.get<{ port: number }>('backend.listen');
    copy.port = 1;
    expect(config.getNumber('backend.listen.port')).toBe(7007);
  });

  it('getNumber accepts numbers and numeric strings, rejects the rest', () => {
    expect(config.getNumber('backend.listen.port')).toBe(7007);
    expect(config.getNumber('backend.numbers.text')).toBe(42);
    expect(config.getOptionalNumber('backend.numbers.float')).toBe(1.5);
    expect(config.getOptionalNumber('backend.nope')).toBeUndefined();
    const e = errorOf(() => config.getNumber('backend.baseUrl'));
    expect(e.message).toBe("Invalid type in config for key 'backend.baseUrl' in 'app-config.yaml', got string, wanted number");
    expect(e.code).toBe('CONFIG_INVALID_TYPE');
    expect(e.name).toBe('ConfigError');
    expect(errorOf(() => config.getNumber('backend.numbers.junk')).message).toContain('got string, wanted number');
    expect(errorOf(() => config.getNumber('backend.cors')).message).toContain('got object, wanted number');
    const missing = errorOf(() => config.getNumber('backend.listen.missing'));
    expect(missing.message).toBe("Missing required config value at 'backend.listen.missing' in 'app-config.yaml'");
    expect(missing.code).toBe('CONFIG_MISSING_VALUE');
  });

  it('getBoolean accepts booleans and yes/no words', () => {
    expect(config.getBoolean('backend.cors.credentials')).toBe(true);
    expect(config.getBoolean('backend.flags.yes')).toBe(true);
    expect(config.getBoolean('backend.flags.off')).toBe(false);
    expect(config.getOptionalBoolean('backend.flags.one')).toBe(true);
    expect(config.getOptionalBoolean('backend.flags.none')).toBeUndefined();
    expect(errorOf(() => config.getBoolean('backend.flags.bad')).message).toBe(
      "Invalid type in config for key 'backend.flags.bad' in 'app-config.yaml', got string, wanted boolean",
    );
    expect(errorOf(() => config.getBoolean('backend.flags.none')).message).toBe(
      "Missing required config value at 'backend.flags.none' in 'app-config.yaml'",
    );
  });

  it('getString rejects other types and empty strings', () => {
    expect(config.getString('backend.baseUrl')).toBe('http://localhost:7007');
    expect(config.getOptionalString('backend.nothing')).toBeUndefined();
    expect(errorOf(() => config.getString('backend.listen.port')).message).toBe(
      "Invalid type in config for key 'backend.listen.port' in 'app-config.yaml', got number, wanted string",
    );
    expect(errorOf(() => config.getString('backend.listen.host')).message).toBe(
      "Invalid type in config for key 'backend.listen.host' in 'app-config.yaml', got empty-string, wanted string",
    );
    expect(errorOf(() => config.getString('backend.cors.origins')).message).toContain('got array, wanted string');
    expect(errorOf(() => config.getString('backend.nothing')).message).toBe(
      "Missing required config value at 'backend.nothing' in 'app-config.yaml'",
    );
  });

  it('getStringArray names the bad element', () => {
    expect(config.getStringArray('backend.cors.origins')).toEqual(['http://a', 'http://b']);
    expect(config.getOptionalStringArray('backend.cors.none')).toBeUndefined();
    expect(errorOf(() => config.getStringArray('backend.mixed')).message).toBe(
      "Invalid type in config for key 'backend.mixed[1]' in 'app-config.yaml', got number, wanted string",
    );
    expect(errorOf(() => config.getStringArray('backend.baseUrl')).message).toBe(
      "Invalid type in config for key 'backend.baseUrl' in 'app-config.yaml', got string, wanted array",
    );
    expect(errorOf(() => config.getStringArray('backend.cors.none')).message).toBe(
      "Missing required config value at 'backend.cors.none' in 'app-config.yaml'",
    );
  });

  it('getConfig keeps the full key path in errors from sub-configs', () => {
    const listen = config.getConfig('backend').getConfig('listen');
    expect(listen.getNumber('port')).toBe(7007);
    expect(errorOf(() => listen.getString('port')).message).toBe(
      "Invalid type in config for key 'backend.listen.port' in 'app-config.yaml', got number, wanted string",
    );
    expect(errorOf(() => listen.getString('missing')).message).toBe(
      "Missing required config value at 'backend.listen.missing' in 'app-config.yaml'",
    );
    expect(config.getOptionalConfig('backend.none')).toBeUndefined();
    expect(errorOf(() => config.getConfig('backend.baseUrl')).message).toBe(
      "Invalid type in config for key 'backend.baseUrl' in 'app-config.yaml', got string, wanted object",
    );
    expect(errorOf(() => config.getConfig('backend.none')).message).toBe(
      "Missing required config value at 'backend.none' in 'app-config.yaml'",
    );
  });

  it('getConfigArray gives sub-configs whose errors name the index', () => {
    const workers = config.getConfigArray('backend.workers');
    expect(workers.map((w) => w.getString('name'))).toEqual(['one', 'two']);
    expect(errorOf(() => workers[1].getNumber('size')).message).toBe(
      "Invalid type in config for key 'backend.workers[1].size' in 'app-config.yaml', got string, wanted number",
    );
    expect(config.getOptionalConfigArray('backend.none')).toBeUndefined();
    expect(errorOf(() => config.getConfigArray('backend.mixed')).message).toBe(
      "Invalid type in config for key 'backend.mixed[0]' in 'app-config.yaml', got string, wanted object",
    );
    expect(errorOf(() => config.getConfigArray('backend.listen')).message).toContain(
      "key 'backend.listen' in 'app-config.yaml', got object, wanted array",
    );
    expect(errorOf(() => config.getConfigArray('backend.none')).message).toBe(
      "Missing required config value at 'backend.none' in 'app-config.yaml'",
    );
  });

  it('rejects malformed keys', () => {
    for (const key of ['', 'a..b', '.a', 'a b', '1abc']) {
      const e = errorOf(() => config.getOptional(key));
      expect(e.code).toBe('CONFIG_INVALID_KEY');
      expect(e.message).toContain(`Invalid config key '${key}'`);
    }
  });

  it('leaves out the file clause when the data has no known source', () => {
    const anonymous = new ConfigReader({ a: 'x' });
    expect(errorOf(() => anonymous.getNumber('a')).message).toBe("Invalid type in config for key 'a', got string, wanted number");
    expect(errorOf(() => anonymous.getNumber('b')).message).toBe("Missing required config value at 'b'");
    expect(new ConfigReader(undefined).keys()).toEqual([]);
  });

  it('does not resolve keys from Object.prototype', () => {
    const c = new ConfigReader({});
    expect(c.has('toString')).toBe(false);
    expect(c.getOptional('constructor')).toBeUndefined();
  });
});

describe('ConfigReader.fromConfigs', () => {
  const merged = ConfigReader.fromConfigs([
    { data: { backend: { listen: { port: 7007, host: 'a' }, list: [1, 2, 3], gone: 'x', obj: { a: 1 } } }, context: 'app-config.yaml' },
    { data: { backend: { listen: { port: 'abc' }, list: [9], gone: null, obj: 'flat' } }, context: 'app-config.local.yaml' },
  ]);

  it('deep-merges objects, replaces arrays, null removes, scalars hide objects', () => {
    expect(merged.get()).toEqual({ backend: { listen: { port: 'abc', host: 'a' }, list: [9], obj: 'flat' } });
    expect(merged.getString('backend.listen.host')).toBe('a');
    expect(merged.has('backend.gone')).toBe(false);
    expect(merged.has('backend.obj.a')).toBe(false);
    expect(merged.getConfig('backend').keys()).toEqual(['listen', 'list', 'obj']);
  });

  it('names the file each value came from', () => {
    expect(errorOf(() => merged.getNumber('backend.listen.port')).message).toBe(
      "Invalid type in config for key 'backend.listen.port' in 'app-config.local.yaml', got string, wanted number",
    );
    expect(errorOf(() => merged.getConfig('backend').getConfig('listen').getNumber('host')).message).toBe(
      "Invalid type in config for key 'backend.listen.host' in 'app-config.yaml', got string, wanted number",
    );
    expect(errorOf(() => merged.getString('backend.missing')).message).toBe(
      "Missing required config value at 'backend.missing' in 'app-config.yaml', 'app-config.local.yaml'",
    );
  });

  it('sub-configs see every layer', () => {
    const listen = merged.getConfig('backend.listen');
    expect(listen.get()).toEqual({ port: 'abc', host: 'a' });
  });

  it('rejects a non-object root', () => {
    expect(errorOf(() => new ConfigReader([1] as never, 'x.yaml')).message).toBe(
      "Invalid config data in 'x.yaml': the root must be an object, got array",
    );
  });
});
