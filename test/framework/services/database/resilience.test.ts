import { isDatabaseUnavailable } from '../../../../framework/services/database';
import { withKnexTimeouts, withPgTimeouts } from '../../../../framework/services/database/postgresTimeouts';

describe('PostgreSQL timeouts', () => {
  it('fills in defaults for the connect, statement, query and pool acquire timeouts', () => {
    expect(withPgTimeouts({ host: 'db' }, 'backend.database.connection')).toEqual({
      host: 'db',
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      statement_timeout: 30000,
      query_timeout: 35000,
    });
    expect(withKnexTimeouts({}, 'backend.database.knexConfig')).toEqual({ acquireConnectionTimeout: 10000 });
  });

  it('reads each in any duration form, keeps 0 (off), and names the key of a bad value', () => {
    const connection = withPgTimeouts(
      { connectionTimeoutMillis: '2s', statement_timeout: 'PT1M', query_timeout: 0 },
      'backend.database.plugin.todo.connection',
    );
    expect(connection).toMatchObject({ connectionTimeoutMillis: 2000, statement_timeout: 60000, query_timeout: 0 });
    expect(withKnexTimeouts({ acquireConnectionTimeout: { seconds: 3 } } as never, 'backend.database.knexConfig')).toEqual({
      acquireConnectionTimeout: 3000,
    });
    expect(() => withPgTimeouts({ statement_timeout: 'soon' }, 'backend.database.connection')).toThrow(
      'Invalid duration for config key \'backend.database.connection.statement_timeout\': "soon" is not a duration',
    );
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a pool acquire timeout',
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
    ],
    ['a query read timeout with the SQL in front', new Error('select 1 - Query read timeout')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['statement_timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['a server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['one wrapped as the cause', new Error('could not load', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') })],
  ])('says yes for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a plain error', new Error('something else')],
    ['a non-error', 'nope'],
  ])('says no for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
