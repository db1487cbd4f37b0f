/** TOTP set-up: AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference. */
import { CognitoError, invalidParameter } from '../errors.ts';
import { optionalBoolean, optionalObject, optionalString, requireString, type Input } from '../input.ts';
import { generateTotpSecret, verifyTotp } from '../totp.ts';
import { authenticate, type Operation } from './context.ts';

function requireAccessToken(input: Input): void {
  if (optionalString(input, 'AccessToken') === undefined) {
    // Cognito also accepts a Session of an MFA_SETUP challenge; this pool never asks for one.
    throw invalidParameter('AccessToken is required (MFA_SETUP sessions are not supported by this pool)');
  }
}

export const associateSoftwareToken: Operation = async (ctx, input) => {
  requireAccessToken(input);
  const { user } = await authenticate(ctx, input);
  const secret = generateTotpSecret();
  user.totpPendingSecret = secret;
  await ctx.store.commit();
  return { SecretCode: secret };
};

export const verifySoftwareToken: Operation = async (ctx, input) => {
  requireAccessToken(input);
  const { user } = await authenticate(ctx, input);
  const code = requireString(input, 'UserCode');
  if (!/^\d{6}$/.test(code)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );
  }
  if (!user.totpPendingSecret) throw invalidParameter('User has not associated a software token.');
  if (!verifyTotp(user.totpPendingSecret, code, ctx.now())) {
    throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA mfa');
  }
  user.totpSecret = user.totpPendingSecret;
  delete user.totpPendingSecret;
  user.updatedAt = ctx.now();
  await ctx.store.commit();
  return { Status: 'SUCCESS' };
};

export const setUserMFAPreference: Operation = async (ctx, input) => {
  const { user } = await authenticate(ctx, input);
  for (const other of ['SMSMfaSettings', 'EmailMfaSettings', 'WebAuthnMfaSettings']) {
    if (optionalObject(input, other)?.Enabled === true) {
      throw invalidParameter(`${other.replace('Settings', '')} is not enabled for this user pool`);
    }
  }
  const settings = optionalObject(input, 'SoftwareTokenMfaSettings');
  if (settings) {
    const enabled = optionalBoolean(settings, 'Enabled');
    const preferred = optionalBoolean(settings, 'PreferredMfa');
    if (enabled === true || preferred === true) {
      if (!user.totpSecret) throw invalidParameter('User has not verified software token mfa');
      user.softwareTokenMfaEnabled = true;
      if (preferred !== undefined) user.softwareTokenMfaPreferred = preferred;
    } else if (enabled === false) {
      user.softwareTokenMfaEnabled = false;
      user.softwareTokenMfaPreferred = false;
    }
    user.updatedAt = ctx.now();
    await ctx.store.commit();
  }
  return {};
};
