export { createCognitoEmulator, type CognitoEmulator, type CognitoEmulatorOptions } from './emulator.ts';
export { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password.ts';
export { totp, verifyTotp, base32Decode, base32Encode } from './totp.ts';
