import { RepeatCounter } from '../../../framework/wiring';

describe('RepeatCounter', () => {
  it('admits the first of each kind, counts the repeats, and reports them with the last context at the end of the interval', async () => {
    const summaries: Array<[string, number, string]> = [];
    let summarised!: () => void;
    const done = new Promise<void>((resolve) => (summarised = resolve));
    const counter = new RepeatCounter<string>((kind, repeats, last) => {
      summaries.push([kind, repeats, last]);
      if (summaries.length === 1) summarised();
    }, 50);

    expect(counter.admit('db down', 'r1')).toBe(true);
    expect(counter.admit('db down', 'r2')).toBe(false);
    expect(counter.admit('other', 'r3')).toBe(true);
    expect(counter.admit('db down', 'r4')).toBe(false);
    await done;
    // 'other' had no repeats: nothing to summarise for it.
    expect(summaries).toEqual([['db down', 2, 'r4']]);
    // A new interval starts with a full line again.
    expect(counter.admit('db down', 'r5')).toBe(true);
  });
});
