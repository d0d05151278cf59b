/**
 * better-sqlite3 is an optional install. When it is missing, asking for the embedded database fails with the
 * stable code and the install command, instead of a bare "Cannot find module" from deep inside knex.
 * (The packed-install check proves the same on a real install without it: `npm run check:package`.)
 */
describe('the embedded SQLite driver as an optional install', () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock('better-sqlite3');
  });

  async function withoutBetterSqlite3() {
    jest.resetModules();
    jest.doMock(
      'better-sqlite3',
      () => {
        const error = new Error("Cannot find module 'better-sqlite3'") as NodeJS.ErrnoException;
        error.code = 'MODULE_NOT_FOUND';
        throw error;
      },
      { virtual: true },
    );
    return import('../../../../framework/services/database/drivers');
  }

  it('names the package, the config that wanted it and the install command', async () => {
    const { loadBetterSqlite3 } = await withoutBetterSqlite3();
    let thrown: unknown;
    try {
      loadBetterSqlite3();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'FORKLIFT_OPTIONAL_DEPENDENCY_MISSING' });
    expect((thrown as Error).message).toContain('npm install better-sqlite3@^12');
    expect((thrown as Error).message).toContain('backend.database.client');
  });

  it('loads the driver when it is installed', async () => {
    const { loadBetterSqlite3 } = await import('../../../../framework/services/database/drivers');
    const Database = loadBetterSqlite3();
    const db = new Database(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });
});
