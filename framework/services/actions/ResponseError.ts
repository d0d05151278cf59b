/**
 * A non-2xx answer from another plugin, named `ResponseError` like Backstage's, with the status, the parsed
 * error body and the remote error (name and message) as `cause`, so callers can branch on what went wrong there.
 */
export class ResponseError extends Error {
  readonly statusCode: number;
  readonly statusText: string;
  readonly body: unknown;
  readonly cause: Error;

  private constructor(options: { message: string; statusCode: number; statusText: string; body: unknown; cause: Error }) {
    super(options.message);
    this.name = 'ResponseError';
    this.statusCode = options.statusCode;
    this.statusText = options.statusText;
    this.body = options.body;
    this.cause = options.cause;
  }

  static async fromResponse(response: Response, what: string): Promise<ResponseError> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text, the message still names the status
    }
    const remote = (body as { error?: { name?: unknown; message?: unknown } } | null)?.error;
    const cause = new Error(typeof remote?.message === 'string' ? remote.message : text.slice(0, 500) || '<no body>');
    cause.name = typeof remote?.name === 'string' ? remote.name : 'Error';
    return new ResponseError({
      message: `${what} failed with ${response.status} ${response.statusText}: ${cause.name}: ${cause.message}`,
      statusCode: response.status,
      statusText: response.statusText,
      body,
      cause,
    });
  }
}
