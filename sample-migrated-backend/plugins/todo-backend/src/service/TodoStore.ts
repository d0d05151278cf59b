import { Knex } from 'knex';

export type Todo = {
  id: number;
  title: string;
  done: boolean;
  createdAt: string;
};

type TodoRow = {
  id: number;
  title: string;
  done: number | boolean;
  created_at: string | Date;
};

function toTodo(row: TodoRow): Todo {
  return {
    id: Number(row.id),
    title: row.title,
    done: Boolean(row.done),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class TodoStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<Todo[]> {
    const rows = await this.db<TodoRow>('todos').select().orderBy('id');
    return rows.map(toTodo);
  }

  async get(id: number): Promise<Todo | undefined> {
    const row = await this.db<TodoRow>('todos').where({ id }).first();
    return row ? toTodo(row) : undefined;
  }

  async add(title: string): Promise<Todo> {
    const [row] = await this.db<TodoRow>('todos')
      .insert({ title, done: false, created_at: new Date().toISOString() })
      .returning('*');
    return toTodo(row as TodoRow);
  }

  async update(id: number, patch: { title?: string; done?: boolean }): Promise<Todo | undefined> {
    const count = await this.db<TodoRow>('todos').where({ id }).update(patch);
    return count ? this.get(id) : undefined;
  }

  async remove(id: number): Promise<boolean> {
    const count = await this.db<TodoRow>('todos').where({ id }).delete();
    return count > 0;
  }
}
