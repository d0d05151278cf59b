import { until } from './until';

describe('until', () => {
  it('resolves once the condition holds, asking again in between', async () => {
    let asked = 0;
    await until(() => ++asked === 3, 'the third question', { intervalMs: 1 });
    expect(asked).toBe(3);
  });

  it('fails naming what it waited for once the deadline has passed', async () => {
    await expect(until(async () => false, 'a thing that never happens', { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      'timed out waiting for a thing that never happens',
    );
  });
});
