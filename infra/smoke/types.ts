/** A deployed (or local) stack to check from outside: what its outputs or the command line name. */
export type SmokeTarget = {
  /** How the report names it: the stack name (`Klassny-<schoolId>`) or the URL given. */
  name: string;
  /** The site's address, `WebUrl` of the stack: the site, `/config.json` and `/api/…` on one origin. */
  webUrl: string;
  /** The HTTP API's own stage URL, `ApiUrl` of the stack; checked directly when given. */
  apiUrl?: string;
};

export type SmokeCheckResult = {
  name: string;
  ok: boolean;
  /** Not run, and why is in `detail`; a skipped check does not fail the run. */
  skipped?: boolean;
  /** What was seen: statuses, header values, the certificate… */
  detail: string;
  ms: number;
};

export type SmokeReport = {
  target: SmokeTarget;
  ok: boolean;
  checks: SmokeCheckResult[];
};

export type SmokeOptions = {
  /** Each check's own limit (default 10 s); a check that runs longer fails with "timed out". */
  timeoutMs?: number;
  /** The release the stack was deployed with: `/api/health` must answer this `version`. */
  expectVersion?: string;
  /** Extra trusted CA certificates (PEM), for a test server's self-signed certificate. */
  ca?: string | Buffer;
  /**
   * The plain-HTTP port to ask for the redirect to HTTPS; default 80 when the site is on 443
   * (for a test server on other ports).
   */
  plainHttpPort?: number;
};

/** What one check concludes; the runner adds the name and the time taken. */
export type CheckOutcome = { ok: boolean; skipped?: boolean; detail: string };

/** What every check gets: the parsed addresses, the options, and the signal of its own timeout. */
export type CheckContext = {
  target: SmokeTarget;
  webUrl: URL;
  apiUrl?: URL;
  options: SmokeOptions;
  signal: AbortSignal;
};
