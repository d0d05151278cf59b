import { DefaultRootHttpRouter } from '../../../../framework/services/rootHttpRouter';

const noop = () => {};

describe('DefaultRootHttpRouter.use', () => {
  it('rejects empty paths and the root path', () => {
    const router = new DefaultRootHttpRouter();
    expect(() => router.use('', noop)).toThrow(
      `rootHttpRouter.use: the path may not be empty or '/', got ""; mount under a prefix such as '/api/my-plugin'`,
    );
    expect(() => router.use('/', noop)).toThrow("the path may not be empty or '/'");
    expect(() => router.use('api/a', noop)).toThrow("rootHttpRouter.use: the path 'api/a' must start with '/', e.g. '/api/a'");
  });

  it('rejects a path overlapping an existing one, naming both', () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/a', noop);
    expect(() => router.use('/api/a/b', noop)).toThrow(
      "rootHttpRouter.use: path '/api/a/b' overlaps the already mounted path '/api/a'; mounted paths may not be equal or contain one another",
    );
    expect(() => router.use('/api', noop)).toThrow("path '/api' overlaps the already mounted path '/api/a'");
    expect(() => router.use('/api/a/', noop)).toThrow("path '/api/a' overlaps the already mounted path '/api/a'");
  });

  it('allows siblings that only share a string prefix', () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/a', noop);
    router.use('/api/ab', noop);
    router.use('/api/b', noop);
    expect(router.paths()).toEqual(['/api/a', '/api/ab', '/api/b']);
  });

  it('protects reserved paths', () => {
    const router = new DefaultRootHttpRouter(['/.backstage/health']);
    expect(() => router.use('/.backstage', noop)).toThrow(
      "path '/.backstage' overlaps the already mounted path '/.backstage/health' (reserved by the server itself)",
    );
  });

  it('rejects a handler that is not a function', () => {
    const router = new DefaultRootHttpRouter();
    expect(() => router.use('/x', {} as any)).toThrow("rootHttpRouter.use('/x'): the handler must be an express handler or router, got object");
  });
});
