import { DependencyGraph } from '../../../framework/wiring';

describe('DependencyGraph', () => {
  const node = (value: string, provides: string[], consumes: string[]) => ({ value, provides, consumes });

  it('orders consumers after every provider of what they consume, keeping the given order otherwise', () => {
    const graph = new DependencyGraph([
      node('reader', [], ['a', 'b']),
      node('free', [], []),
      node('writer-b', ['b'], ['a']),
      node('writer-a', ['a'], []),
      node('also-a', ['a'], []),
    ]);
    expect(graph.findCycle()).toBeUndefined();
    expect(graph.topologicalOrder()).toEqual(['writer-a', 'also-a', 'writer-b', 'reader', 'free']);
  });

  it('ignores a node consuming what it provides itself, and names that are never provided', () => {
    const graph = new DependencyGraph([node('self', ['x'], ['x', 'nobody'])]);
    expect(graph.findCycle()).toBeUndefined();
    expect(graph.topologicalOrder()).toEqual(['self']);
  });

  it('returns a cycle with its first node repeated at the end', () => {
    const graph = new DependencyGraph([
      node('start', [], ['p']),
      node('p', ['p'], ['q']),
      node('q', ['q'], ['r']),
      node('r', ['r'], ['p']),
    ]);
    expect(graph.findCycle()).toEqual(['p', 'q', 'r', 'p']);
    expect(() => graph.topologicalOrder()).toThrow('DependencyGraph.topologicalOrder called on a graph with a cycle');
  });
});
