import { spawnSync } from 'child_process';
import path from 'path';

describe('backend.start() that nobody awaits', () => {
  it('still fails the process loudly, naming the plugin, when startup fails', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'children/unawaitedStartFailure.ts')], {
      encoding: 'utf8',
      env: { ...process.env, APP_CONFIG_backend_listen_port: '0', LOG_LEVEL: 'error' },
      timeout: 60000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain("Plugin 'broken' failed to start: the broken plugin cannot reach its upstream");
  });
});
