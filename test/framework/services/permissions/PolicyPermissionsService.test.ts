import {
  AuthorizeResult,
  createPermission,
  type BackstageCredentials,
  type LoggerService,
  type PermissionPolicy,
} from '../../../../framework/api';
import {
  PolicyPermissionsService,
  permissionPolicyHolderServiceFactory,
  policyDecider,
  type PermissionPolicyHolder,
} from '../../../../framework/services/permissions';

const readTodo = createPermission({ name: 'todo.item.read', attributes: { action: 'read' } });
const deleteTodo = createPermission({ name: 'todo.item.delete', attributes: { action: 'delete' }, resourceType: 'todo-item' });
const userCredentials: BackstageCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/jane' },
};

function recordingLogger(): LoggerService & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: LoggerService & { warnings: string[] } = {
    warnings,
    error() {},
    info() {},
    debug() {},
    warn: (message: string) => warnings.push(message),
    child: () => logger,
  };
  return logger;
}

const serviceWith = (policy: PermissionPolicy | undefined, logger: LoggerService) =>
  new PolicyPermissionsService({ getDecider: async () => (policy ? policyDecider(policy) : undefined), logger });

describe('createPermission', () => {
  it('makes basic and resource permissions and rejects bad input', () => {
    expect(readTodo).toEqual({ type: 'basic', name: 'todo.item.read', attributes: { action: 'read' } });
    expect(deleteTodo).toEqual({ type: 'resource', name: 'todo.item.delete', attributes: { action: 'delete' }, resourceType: 'todo-item' });
    expect(() => createPermission({ name: 'has space', attributes: {} })).toThrow(/Invalid permission name 'has space'/);
    expect(() => createPermission({ name: 'x', attributes: { action: 'write' as never } })).toThrow(/attributes\.action must be/);
  });
});

describe('PolicyPermissionsService', () => {
  it('allows everything when no policy is installed', async () => {
    const service = serviceWith(undefined, recordingLogger());
    await expect(
      service.authorize([{ permission: readTodo }, { permission: deleteTodo, resourceRef: 'todo:1' }], { credentials: userCredentials }),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }, { result: AuthorizeResult.ALLOW }]);
    await expect(service.authorizeConditional([{ permission: deleteTodo }], { credentials: userCredentials })).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
    ]);
  });

  it('asks the installed policy per request, passing the user entity ref and resource ref', async () => {
    const seen: unknown[] = [];
    const policy: PermissionPolicy = {
      async handle(request, user) {
        seen.push([request.permission.name, request.resourceRef, user.userEntityRef]);
        return { result: request.permission.name === 'todo.item.delete' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
      },
    };
    const service = serviceWith(policy, recordingLogger());
    await expect(
      service.authorize([{ permission: readTodo }, { permission: deleteTodo, resourceRef: 'todo:1' }], { credentials: userCredentials }),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }, { result: AuthorizeResult.DENY }]);
    expect(seen).toEqual([
      ['todo.item.read', undefined, 'user:default/jane'],
      ['todo.item.delete', 'todo:1', 'user:default/jane'],
    ]);
  });

  it('returns conditions from authorizeConditional and denies (with a warning) a conditional answer to authorize', async () => {
    const conditions = { rule: 'IS_OWNER', resourceType: 'todo-item', params: { owner: 'jane' } };
    const policy: PermissionPolicy = {
      async handle() {
        return { result: AuthorizeResult.CONDITIONAL, pluginId: 'todo', resourceType: 'todo-item', conditions };
      },
    };
    const logger = recordingLogger();
    const service = serviceWith(policy, logger);
    await expect(service.authorizeConditional([{ permission: deleteTodo }], { credentials: userCredentials })).resolves.toEqual([
      { result: AuthorizeResult.CONDITIONAL, pluginId: 'todo', resourceType: 'todo-item', conditions },
    ]);
    await expect(service.authorize([{ permission: deleteTodo, resourceRef: 'todo:1' }], { credentials: userCredentials })).resolves.toEqual(
      [{ result: AuthorizeResult.DENY }],
    );
    expect(logger.warnings[0]).toMatch(/CONDITIONAL for 'todo\.item\.delete' in authorize\(\); denied/);
  });

  it('rejects bad requests and bad policy answers with errors naming the fix', async () => {
    const service = serviceWith({ handle: async () => ({ result: 'MAYBE' }) as never }, recordingLogger());
    await expect(service.authorize([{ permission: readTodo }], {} as never)).rejects.toThrow(/needs \{ credentials \}/);
    await expect(
      service.authorize([{ permission: readTodo, resourceRef: 'x' } as never], { credentials: userCredentials }),
    ).rejects.toThrow(/resourceRef for basic permission 'todo\.item\.read'/);
    await expect(service.authorizeConditional([{ permission: readTodo } as never], { credentials: userCredentials })).rejects.toMatchObject(
      {
        name: 'InputError',
      },
    );
    await expect(service.authorize([{ permission: readTodo }], { credentials: userCredentials })).rejects.toThrow(
      /Permission policy returned \{"result":"MAYBE"\} for 'todo\.item\.read'/,
    );
  });
});

describe('permission policy holder', () => {
  function makeHolder(installedPlugins: string[]) {
    const startupHooks: Array<() => void> = [];
    const holder = permissionPolicyHolderServiceFactory.factory(
      {
        instanceMetadata: { getInstalledPlugins: async () => installedPlugins.map((pluginId) => ({ pluginId, modules: [] })) },
        rootLifecycle: { addStartupHook: (hook: () => void) => startupHooks.push(hook), addShutdownHook() {}, addBeforeShutdownHook() {} },
      },
      undefined,
    ) as PermissionPolicyHolder;
    return { holder, startup: () => startupHooks.forEach((hook) => hook()) };
  }
  const denyAll: PermissionPolicy = { handle: async () => ({ result: AuthorizeResult.DENY }) };

  it('has no source at once when the permission plugin is not installed', async () => {
    const withoutPlugin = makeHolder(['todo']);
    withoutPlugin.startup();
    await expect(withoutPlugin.holder.getSource()).resolves.toEqual({ kind: 'none' });
    await expect(makeHolder(['todo']).holder.hasPermissionPlugin()).resolves.toBe(false);
    await expect(makeHolder(['todo', 'permission']).holder.hasPermissionPlugin()).resolves.toBe(true);
  });

  it('waits for the permission plugin to install its policy rather than allowing in between', async () => {
    const { holder } = makeHolder(['todo', 'permission']);
    const pending = holder.getSource();
    holder.install(denyAll);
    await expect(pending).resolves.toEqual({ kind: 'policy', policy: denyAll });
    expect(() => holder.install(denyAll)).toThrow(/already installed/);
  });

  it("sends checks to the permission plugin's /authorize route when it never installed a policy (not Forklift's plugin)", async () => {
    const { holder, startup } = makeHolder(['permission']);
    const pending = holder.getSource();
    startup();
    await expect(pending).resolves.toEqual({ kind: 'endpoint' });
    const withoutPlugin = makeHolder(['todo']);
    withoutPlugin.startup();
    await expect(withoutPlugin.holder.getSource()).resolves.toEqual({ kind: 'none' });
  });
});
