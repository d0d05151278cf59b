/** The progress line: drawn in place on a terminal, silent otherwise, cleared before normal output. */
import { createProgress } from '../../codemods/runner';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 60, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

test('on a terminal it redraws one line and clears it before a log line', () => {
  const err = fakeStream(true);
  const out = fakeStream(false);
  const progress = createProgress(err.stream);
  progress.update(1, 3, 'src/a.ts');
  progress.update(3, 3, 'src/c.ts');
  progress.log('OK src/c.ts', out.stream);
  expect(err.writes).toEqual(['\r\x1b[2K[1/3] src/a.ts', '\r\x1b[2K[3/3] src/c.ts', '\r\x1b[2K']);
  expect(out.writes).toEqual(['OK src/c.ts\n']);
});

test('when stderr is not a terminal it writes nothing', () => {
  const err = fakeStream(false);
  const progress = createProgress(err.stream);
  progress.update(1, 2, 'src/a.ts');
  progress.clear();
  expect(err.writes).toEqual([]);
});
