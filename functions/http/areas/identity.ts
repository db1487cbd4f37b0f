/** Lambda entry for the `identity` area: the signed-in user, and later invitations, consents, users. */
import { areaRouter } from '../lib/area-router.ts';
import { getMeHandler } from '../handlers/get-me.ts';

export const handler = areaRouter([getMeHandler]);
