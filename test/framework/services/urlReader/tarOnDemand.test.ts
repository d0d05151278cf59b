/** `tar` costs about 50 ms to load: a backend that never makes or reads an archive must not pay for it at startup. */
import { spawnSync } from 'child_process';
import path from 'path';

it('loads tar only when a tree is made into or read from an archive', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'children/tarOnDemand.ts')], {
    encoding: 'utf8',
    timeout: 60000,
  });
  expect(result.stderr).toBe('');
  expect(
    result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
  ).toEqual([
    { step: 'import', tar: false },
    { step: 'files', tar: false },
    { step: 'archive', tar: true },
  ]);
});
