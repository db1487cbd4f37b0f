import { z } from 'zod';

/** Validation messages reach users, and the UI is Russian (zod ships the locale). */
z.config(z.locales.ru());

export { z };
