import type { LoggerService } from '../../../../framework/api';
import { HostDiscovery } from '../../../../framework/services/discovery';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { mutableConfig } from './mutableConfig';

const discoveryFor = (data: object) => HostDiscovery.fromConfig(new ConfigReader(data as never));

describe('HostDiscovery defaults', () => {
  it('uses backend.baseUrl plus /api/<pluginId> for both internal and external URLs', async () => {
    const discovery = discoveryFor({ backend: { baseUrl: 'https://backstage.example.com/' } });
    await expect(discovery.getBaseUrl('catalog')).resolves.toBe('https://backstage.example.com/api/catalog');
    await expect(discovery.getExternalBaseUrl('catalog')).resolves.toBe('https://backstage.example.com/api/catalog');
  });

  it('derives the address from backend.listen when no baseUrl is set', async () => {
    await expect(discoveryFor({}).getBaseUrl('todo')).resolves.toBe('http://localhost:7007/api/todo');
    await expect(discoveryFor({ backend: { listen: { port: 8080 } } }).getBaseUrl('todo')).resolves.toBe('http://localhost:8080/api/todo');
    await expect(discoveryFor({ backend: { listen: ':9000' } }).getBaseUrl('todo')).resolves.toBe('http://localhost:9000/api/todo');
    await expect(discoveryFor({ backend: { listen: 9001, https: false } }).getBaseUrl('todo')).resolves.toBe(
      'http://localhost:9001/api/todo',
    );
    await expect(discoveryFor({ backend: { listen: { host: '0.0.0.0', port: '7100' } } }).getBaseUrl('x')).resolves.toBe(
      'http://localhost:7100/api/x',
    );
    await expect(discoveryFor({ backend: { listen: { host: '10.0.0.5', port: 7007 } } }).getBaseUrl('x')).resolves.toBe(
      'http://10.0.0.5:7007/api/x',
    );
    await expect(discoveryFor({ backend: { listen: '[::1]:7007' } }).getBaseUrl('x')).resolves.toBe('http://[::1]:7007/api/x');
    await expect(discoveryFor({ backend: { listen: { port: 7443 }, https: true } }).getBaseUrl('x')).resolves.toBe(
      'https://localhost:7443/api/x',
    );
  });

  it('rejects a plugin id that is not a non-empty string', async () => {
    await expect(discoveryFor({}).getBaseUrl('')).rejects.toThrow(/getBaseUrl needs a plugin id/);
  });
});

describe('HostDiscovery discovery.endpoints', () => {
  const config = {
    backend: { baseUrl: 'http://main:7007' },
    discovery: {
      endpoints: [
        { target: 'http://catalog-host:7007/api/{{pluginId}}', plugins: ['catalog', 'search'] },
        {
          target: { internal: 'http://scaffolder.internal/api/{{ pluginId }}', external: 'https://public.example.com/{{pluginId}}/' },
          plugins: ['scaffolder'],
        },
        { target: { internal: 'http://only-internal:1234/x' }, plugins: ['todo'] },
        { target: 'http://shadowed/api/{{pluginId}}', plugins: ['catalog'] },
      ],
    },
  };
  const discovery = discoveryFor(config);

  it('fills {{pluginId}} in a string target, used for internal and external', async () => {
    await expect(discovery.getBaseUrl('catalog')).resolves.toBe('http://catalog-host:7007/api/catalog');
    await expect(discovery.getExternalBaseUrl('search')).resolves.toBe('http://catalog-host:7007/api/search');
  });

  it('uses internal and external targets separately, with spaces allowed inside the placeholder', async () => {
    await expect(discovery.getBaseUrl('scaffolder')).resolves.toBe('http://scaffolder.internal/api/scaffolder');
    await expect(discovery.getExternalBaseUrl('scaffolder')).resolves.toBe('https://public.example.com/scaffolder');
  });

  it('falls back to the default for the side a target object leaves out, and for unlisted plugins', async () => {
    await expect(discovery.getBaseUrl('todo')).resolves.toBe('http://only-internal:1234/x');
    await expect(discovery.getExternalBaseUrl('todo')).resolves.toBe('http://main:7007/api/todo');
    await expect(discovery.getBaseUrl('unlisted')).resolves.toBe('http://main:7007/api/unlisted');
  });
});

describe('HostDiscovery config errors', () => {
  it.each([
    [{ discovery: { endpoints: { target: 'http://x' } } }, /Invalid discovery\.endpoints: expected a list/],
    [{ discovery: { endpoints: [{ target: 'http://x' }] } }, /discovery\.endpoints\[0\]\.plugins: expected a non-empty list/],
    [
      { discovery: { endpoints: [{ target: 'x/{{pluginId}}', plugins: ['a'] }] } },
      /discovery\.endpoints\[0\]\.target 'x\/\{\{pluginId\}\}': not an absolute URL/,
    ],
    [{ discovery: { endpoints: [{ target: 'http://x/{{plugin}}', plugins: ['a'] }] } }, /unknown placeholder '\{\{plugin\}\}'/],
    [{ discovery: { endpoints: [{ target: { internal: 'http://x', externel: 'http://y' }, plugins: ['a'] }] } }, /unknown key 'externel'/],
    [{ discovery: { endpoints: [{ target: {}, plugins: ['a'] }] } }, /give 'internal', 'external' or both/],
    [{ discovery: { endpoints: [{ target: 'ftp://x', plugins: ['a'] }] } }, /only http and https/],
    [{ backend: { baseUrl: 'localhost:7007' } }, /Invalid backend\.baseUrl 'localhost:7007'/],
    [{ backend: { listen: 'nope' } }, /Invalid backend\.listen 'nope'/],
    [{ backend: { listen: { port: 70000 } } }, /Invalid backend\.listen port 70000/],
  ])('%j fails at construction', (config, message) => {
    expect(() => discoveryFor(config)).toThrow(message);
  });
});

describe('HostDiscovery with a changing config', () => {
  it('follows config changes and keeps the last valid targets when a change is invalid', async () => {
    const config = mutableConfig({ discovery: { endpoints: [{ target: 'http://first:1/api/{{pluginId}}', plugins: ['b'] }] } });
    const errors: string[] = [];
    const logger: LoggerService = {
      error: (message: string) => errors.push(message),
      warn() {},
      info() {},
      debug() {},
      child: () => logger,
    };
    const discovery = HostDiscovery.fromConfig(config, { logger });
    await expect(discovery.getBaseUrl('b')).resolves.toBe('http://first:1/api/b');

    config.set({ discovery: { endpoints: [{ target: 'http://second:2/api/{{pluginId}}', plugins: ['b'] }] } });
    await expect(discovery.getBaseUrl('b')).resolves.toBe('http://second:2/api/b');

    config.set({ discovery: { endpoints: [{ target: 'not a url', plugins: ['b'] }] } });
    await expect(discovery.getBaseUrl('b')).resolves.toBe('http://second:2/api/b');
    expect(errors[0]).toMatch(/kept its previous targets.*discovery\.endpoints\[0\]\.target 'not a url'/);
  });
});
