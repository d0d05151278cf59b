/** A plugin's database could not be reached or created. The message names the plugin and host, never a password. */
export class DatabaseConnectionError extends Error {
  readonly code?: string;
  constructor(message: string, cause?: unknown) {
    super(message);
    this.name = 'DatabaseConnectionError';
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') this.code = code;
  }
}
