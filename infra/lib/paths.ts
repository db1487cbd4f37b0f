import { fileURLToPath } from 'node:url';

/** The repository root (holds package.json, package-lock.json, tsconfig.json). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
