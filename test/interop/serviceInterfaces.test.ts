/**
 * The members of every `*Service` interface that Backstage's published `@backstage/backend-plugin-api` (the copy
 * in test/published-new-system) exports, against Forklift's `framework/api`. What Forklift leaves out must be
 * exactly what the README's "Not there yet" table lists: a method added upstream, or one implemented here, shows.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { prefixInstalled, requireFromPrefix } from './publishedNewSystem';

const OURS = path.resolve(__dirname, '../../framework/api/index.ts');

/** Interface name -> its member names, for each `*Service` interface a module exports. */
function serviceMembers(program: ts.Program, file: string): Map<string, string[]> {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`TypeScript could not read the exports of ${file}`);
  const members = new Map<string, string[]>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Interface) || !exported.name.endsWith('Service')) continue;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    members.set(
      exported.name,
      checker
        .getPropertiesOfType(type)
        .map((p) => p.name)
        .sort(),
    );
  }
  return members;
}

(prefixInstalled ? describe : describe.skip)('service interfaces against @backstage/backend-plugin-api', () => {
  it('leave out only what the README lists as not there yet', () => {
    const packageJson = requireFromPrefix.resolve('@backstage/backend-plugin-api/package.json');
    const version = JSON.parse(fs.readFileSync(packageJson, 'utf8')).version;
    const published = path.join(path.dirname(packageJson), 'dist/index.d.ts');
    const program = ts.createProgram([published, OURS], { strict: true, skipLibCheck: true, noEmit: true, esModuleInterop: true });
    const theirs = serviceMembers(program, published);
    const ours = serviceMembers(program, OURS);

    expect(version).toBe('1.12.0');
    expect(theirs.size).toBeGreaterThan(15);
    const missing: Record<string, string[]> = {};
    for (const [name, members] of theirs) {
      const mine = ours.get(name);
      const absent = mine ? members.filter((member) => !mine.includes(member)) : ['(the whole interface)'];
      if (absent.length > 0) missing[name] = absent;
    }
    expect(missing).toEqual({});
  });
});
