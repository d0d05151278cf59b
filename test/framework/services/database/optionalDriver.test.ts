/**
 * better-sqlite3 is an optional install. When it is missing, asking for the embedded database fails with the
 * stable code and the install command, instead of a bare "Cannot find module" from deep inside knex.
 * (`npm run check:package` proves the same on a real install without it.)
 */
import { loadBetterSqlite3, requireOptional } from '../../../../framework/services/database/drivers';

function moduleNotFound(name: string): Error {
  const error = new Error(`Cannot find module '${name}'\nRequire stack:\n- /app/x.js`) as NodeJS.ErrnoException;
  error.code = 'MODULE_NOT_FOUND';
  return error;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('optional drivers', () => {
  it('a missing optional package names itself, what needed it and the install command', () => {
    const error = thrownBy(() =>
      requireOptional('better-sqlite3', 'The embedded SQLite database (backend.database.client: better-sqlite3)', '^12', () => {
        throw moduleNotFound('better-sqlite3');
      }),
    );
    expect(error).toMatchObject({ code: 'FORKLIFT_OPTIONAL_DEPENDENCY_MISSING' });
    expect((error as Error).message).toContain('npm install better-sqlite3@^12');
    expect((error as Error).message).toContain('backend.database.client: better-sqlite3');
  });

  it('a module missing inside the package is not mistaken for the package missing', () => {
    const inner = moduleNotFound('bindings');
    const load = (): never => {
      throw inner;
    };
    expect(thrownBy(() => requireOptional('better-sqlite3', 'SQLite', '^12', load))).toBe(inner);
  });

  it('loads the driver when it is installed', () => {
    const Database = loadBetterSqlite3();
    const db = new Database(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });
});
