import { toDisplayError, type DisplayError } from './errors.ts';

/** The one place API errors are shown: pages call showError(); the layout renders it. */
export const errorDisplay = $state<{ current: DisplayError | null }>({ current: null });

export function showError(error: unknown): void {
  if (!(error instanceof Error) || error.name !== 'ApiError') console.error(error);
  errorDisplay.current = toDisplayError(error);
}

export function clearError(): void {
  errorDisplay.current = null;
}
