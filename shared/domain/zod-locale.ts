import * as z from 'zod';
import ru from 'zod/v4/locales/ru.js';

/**
 * Validation messages reach users, and the UI is Russian. Only the Russian locale is imported:
 * `z.locales` would bring every locale zod ships into each function's bundle (~300 kB).
 */
z.config(ru());

export { z };
