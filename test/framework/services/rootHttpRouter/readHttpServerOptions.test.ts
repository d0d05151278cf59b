import { ConfigReader } from '../../../../framework/services/rootConfig';
import { readHttpServerOptions } from '../../../../framework/services/rootHttpRouter';

const read = (backend: unknown) => readHttpServerOptions(new ConfigReader(backend === undefined ? {} : ({ backend } as never)));

describe('readHttpServerOptions', () => {
  it('defaults to port 7007 on every interface, plain HTTP', () => {
    expect(read(undefined)).toEqual({ listen: { host: '', port: 7007 }, https: undefined });
  });

  it('reads backend.listen as an object', () => {
    expect(read({ listen: { host: '127.0.0.1', port: 8080 } }).listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(read({ listen: { host: '0.0.0.0' } }).listen).toEqual({ host: '0.0.0.0', port: 7007 });
  });

  it("accepts the string forms ':port' and 'host:port'", () => {
    expect(read({ listen: ':7007' }).listen).toEqual({ host: '', port: 7007 });
    expect(read({ listen: '127.0.0.1:9000' }).listen).toEqual({ host: '127.0.0.1', port: 9000 });
  });

  it('rejects a malformed string and an out-of-range port with the key', () => {
    expect(() => read({ listen: 'localhost' })).toThrow(
      "Invalid config for 'backend.listen': 'localhost' is not 'host:port' or ':port' (e.g. ':7007' or '127.0.0.1:7007')",
    );
    expect(() => read({ listen: { port: 70000 } })).toThrow(
      "Invalid config for 'backend.listen.port': port 70000 is not an integer between 0 and 65535",
    );
  });

  it('reads a given certificate for HTTPS and names the missing keys otherwise', () => {
    expect(read({ https: { certificate: { cert: 'C', key: 'K' } } }).https).toEqual({ certificate: { cert: 'C', key: 'K' } });
    expect(() => read({ https: true })).toThrow(
      "Invalid config for 'backend.https': set 'backend.https.certificate.cert' and 'backend.https.certificate.key' to PEM text",
    );
  });
});
