import { CliError, EXIT } from "../exit-codes.ts";

/** A Core API error envelope (`{error, error_description}`) with its HTTP status. */
export class ApiError extends CliError {
  readonly status: number;
  readonly error: string;
  readonly body: Record<string, unknown>;

  constructor(method: string, path: string, status: number, body: Record<string, unknown>) {
    const error = typeof body.error === "string" ? body.error : `http_${status}`;
    const text = typeof body.error_description === "string" ? body.error_description : "";
    super(
      `${method} ${path}: ${status} ${error}${text ? ` (${text})` : ""}`,
      status === 401 || status === 403 ? EXIT.auth : EXIT.error,
      body,
    );
    this.name = "ApiError";
    this.status = status;
    this.error = error;
    this.body = body;
  }
}
