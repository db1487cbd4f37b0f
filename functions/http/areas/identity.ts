/** Lambda entry for the `identity` area: the signed-in user, invitation codes, consents, users (it holds the pool's admin rights). */
import { areaRouter } from '../lib/area-router.ts';
import { getMeHandler } from '../handlers/get-me.ts';
import { signOutEverywhereHandler } from '../handlers/sign-out-everywhere.ts';
import { previewInviteCodeHandler } from '../handlers/preview-invite-code.ts';
import { redeemInviteCodeHandler } from '../handlers/redeem-invite-code.ts';
import { issueInviteCodesHandler } from '../handlers/issue-invite-codes.ts';
import { listInviteCodesHandler } from '../handlers/list-invite-codes.ts';
import { listInviteesHandler } from '../handlers/list-invitees.ts';
import { revokeInviteCodeHandler } from '../handlers/revoke-invite-code.ts';
import { getConsentDocumentHandler } from '../handlers/get-consent-document.ts';
import { listConsentsHandler } from '../handlers/list-consents.ts';
import { withdrawConsentHandler } from '../handlers/withdraw-consent.ts';
import { listUsersHandler } from '../handlers/list-users.ts';
import { disableUserHandler } from '../handlers/disable-user.ts';
import { enableUserHandler } from '../handlers/enable-user.ts';
import { updatePersonContactsHandler } from '../handlers/update-person-contacts.ts';

export const handler = areaRouter([
  getMeHandler,
  signOutEverywhereHandler,
  previewInviteCodeHandler,
  redeemInviteCodeHandler,
  issueInviteCodesHandler,
  listInviteCodesHandler,
  listInviteesHandler,
  revokeInviteCodeHandler,
  getConsentDocumentHandler,
  listConsentsHandler,
  withdrawConsentHandler,
  listUsersHandler,
  disableUserHandler,
  enableUserHandler,
  updatePersonContactsHandler,
]);
