/** Resolves every entry of a deps record in parallel and returns the results under the same names. */
export async function resolveRecord<TEntry>(
  record: Record<string, TEntry>,
  resolve: (entry: TEntry, name: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const names = Object.keys(record);
  const values = await Promise.all(names.map((name) => resolve(record[name], name)));
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}
