/** Where a request came from, as the HTTP layer read it: the viewer's address and browser. */
export type RequestSource = { ip: string; userAgent: string };
