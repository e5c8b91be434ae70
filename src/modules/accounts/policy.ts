import { anyone, signedIn } from '../../web/policy.ts';

export const accountsPolicy = {
  signUp: anyone,
  signIn: anyone,
  recoverPassword: anyone,
  verifyEmail: anyone,
  signOut: signedIn,
  viewAccount: signedIn,
  editProfile: signedIn,
  exportData: signedIn,
  deleteAccount: signedIn,
};
