/** Set at bundle time by esbuild `define` in AWS; locally the package version is read by the stand-in. */
export const appVersion: string = process.env.KLASSNY_VERSION ?? '0.1.0';
