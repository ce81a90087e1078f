/**
 * An endpoint a scenario needs answered 404 (or another status that means "not built"): the
 * scenario is reported as not available yet with that status, never with a number.
 */
export class EndpointUnavailable extends Error {
  readonly status: number;
  readonly endpoint: string;

  constructor(endpoint: string, status: number, detail = "") {
    super(`${endpoint} answered HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "EndpointUnavailable";
    this.endpoint = endpoint;
    this.status = status;
  }
}

/** Throws EndpointUnavailable for a 404/405/501, or a plain error for any other failure. */
export async function expectOk(endpoint: string, response: Response): Promise<Response> {
  if (response.ok || (response.status >= 300 && response.status < 400)) return response;
  const body = (await response.text()).slice(0, 200);
  if ([404, 405, 501].includes(response.status)) {
    throw new EndpointUnavailable(endpoint, response.status, body);
  }
  throw new Error(`${endpoint} answered HTTP ${response.status}: ${body}`);
}
