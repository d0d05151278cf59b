/**
 * A graph of nodes that provide and consume named things (service ids, extension point ids).
 * It knows nothing of services or modules: it finds cycles and gives a start order.
 */
export interface GraphNode<T> {
  value: T;
  provides: Iterable<string>;
  consumes: Iterable<string>;
}

export class DependencyGraph<T> {
  readonly #nodes: Array<{ value: T; consumes: string[] }>;
  readonly #providers = new Map<string, number[]>();

  constructor(nodes: Iterable<GraphNode<T>>) {
    this.#nodes = [];
    for (const node of nodes) {
      const index = this.#nodes.length;
      this.#nodes.push({ value: node.value, consumes: [...node.consumes] });
      for (const name of node.provides) {
        const list = this.#providers.get(name);
        if (list) list.push(index);
        else this.#providers.set(name, [index]);
      }
    }
  }

  /** Indices of the nodes that provide what node `index` consumes (excluding itself). */
  #dependenciesOf(index: number): number[] {
    const result: number[] = [];
    for (const name of this.#nodes[index].consumes) {
      for (const provider of this.#providers.get(name) ?? []) {
        if (provider !== index) result.push(provider);
      }
    }
    return result;
  }

  /** The first cycle found, as the values along it with the first repeated at the end; undefined if there is none. */
  findCycle(): T[] | undefined {
    const state: number[] = new Array(this.#nodes.length).fill(0); // 0 new, 1 on the current path, 2 done
    const path: number[] = [];
    const visit = (index: number): number[] | undefined => {
      state[index] = 1;
      path.push(index);
      for (const dep of this.#dependenciesOf(index)) {
        if (state[dep] === 1) return [...path.slice(path.indexOf(dep)), dep];
        if (state[dep] === 0) {
          const cycle = visit(dep);
          if (cycle) return cycle;
        }
      }
      path.pop();
      state[index] = 2;
      return undefined;
    };
    for (let i = 0; i < this.#nodes.length; i++) {
      if (state[i] === 0) {
        const cycle = visit(i);
        if (cycle) return cycle.map((n) => this.#nodes[n].value);
      }
    }
    return undefined;
  }

  /** Values ordered so that every node comes after the nodes it consumes from; throws on a cycle (check findCycle first). */
  topologicalOrder(): T[] {
    const order: T[] = [];
    const state: number[] = new Array(this.#nodes.length).fill(0);
    const visit = (index: number) => {
      if (state[index] === 2) return;
      if (state[index] === 1) throw new Error('DependencyGraph.topologicalOrder called on a graph with a cycle');
      state[index] = 1;
      for (const dep of this.#dependenciesOf(index)) visit(dep);
      state[index] = 2;
      order.push(this.#nodes[index].value);
    };
    for (let i = 0; i < this.#nodes.length; i++) visit(i);
    return order;
  }
}
