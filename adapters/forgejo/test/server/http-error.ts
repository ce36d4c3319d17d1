/** A refusal a route answers with: the status and the message Forgejo would put in `APIError`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function notFound(what: string): HttpError {
  return new HttpError(404, `${what} does not exist`);
}
