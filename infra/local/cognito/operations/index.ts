/**
 * The operations this emulator answers. `admin` ones need an IAM (SigV4)
 * signature in AWS, so the emulator verifies one on them (sigv4.ts) and answers
 * them without CORS headers.
 */
import * as admin from './admin-users.ts';
import * as groups from './admin-groups.ts';
import * as auth from './auth.ts';
import type { Operation } from './context.ts';
import * as mfa from './mfa.ts';
import * as user from './user.ts';

export interface OperationEntry {
  admin: boolean;
  run: Operation;
}

const pub = (run: Operation): OperationEntry => ({ admin: false, run });
const iam = (run: Operation): OperationEntry => ({ admin: true, run });

export const OPERATIONS: Record<string, OperationEntry> = {
  InitiateAuth: pub(auth.initiateAuth),
  RespondToAuthChallenge: pub(auth.respondToAuthChallenge),
  RevokeToken: pub(auth.revokeToken),
  GetUser: pub(user.getUser),
  ChangePassword: pub(user.changePassword),
  GlobalSignOut: pub(user.globalSignOut),
  AssociateSoftwareToken: pub(mfa.associateSoftwareToken),
  VerifySoftwareToken: pub(mfa.verifySoftwareToken),
  SetUserMFAPreference: pub(mfa.setUserMFAPreference),
  AdminCreateUser: iam(admin.adminCreateUser),
  AdminGetUser: iam(admin.adminGetUser),
  AdminDeleteUser: iam(admin.adminDeleteUser),
  AdminSetUserPassword: iam(admin.adminSetUserPassword),
  AdminDisableUser: iam(admin.adminDisableUser),
  AdminEnableUser: iam(admin.adminEnableUser),
  AdminUserGlobalSignOut: iam(admin.adminUserGlobalSignOut),
  AdminUpdateUserAttributes: iam(admin.adminUpdateUserAttributes),
  ListUsers: iam(admin.listUsers),
  CreateGroup: iam(groups.createGroup),
  ListGroups: iam(groups.listGroups),
  AdminAddUserToGroup: iam(groups.adminAddUserToGroup),
  AdminRemoveUserFromGroup: iam(groups.adminRemoveUserFromGroup),
  AdminListGroupsForUser: iam(groups.adminListGroupsForUser),
};
