import type { OidcLogin } from '../auth/oidc.js';
import { oidcRefused } from '../auth/oidc-state.js';
import type { HubContext } from '../context.js';
import type { UsersTable } from '../store/tables.js';
import type { IdentityStore } from './identities.js';

/**
 * The user of a verified OIDC sign-in. A known (issuer, subject) is that user, whatever the email
 * says now. A first sign-in links to the account with the same email only when the provider says
 * the email is verified (else anyone could claim an admin's address at a lax provider); with no
 * such account, a user without a password is created.
 */
export async function userOfOidcLogin(
  context: HubContext,
  identities: IdentityStore,
  login: OidcLogin,
): Promise<{ user: UsersTable; created: boolean; linked: boolean }> {
  const known = await identities.find(login.issuer, login.subject);
  if (known !== null) {
    const user = await context.users.findById(known.user_id);
    if (user !== null) return { user, created: false, linked: false };
  }
  if (login.email === null)
    throw oidcRefused(
      'sso_no_email',
      'the provider shared no email address (is the "email" scope allowed for this client?)',
    );
  const existing = await context.users.findByEmail(login.email);
  if (existing !== null) {
    if (!login.emailVerified) {
      throw oidcRefused(
        'sso_email_unverified',
        `an account with ${login.email} exists, and the provider does not say this email is verified`,
      );
    }
    await identities.link({
      userId: existing.id,
      issuer: login.issuer,
      subject: login.subject,
      email: login.email,
    });
    return { user: existing, created: false, linked: true };
  }
  const name = login.name ?? login.email.split('@')[0] ?? login.email;
  const { user } = await context.users.create({ email: login.email, name, passwordHash: null });
  await identities.link({
    userId: user.id,
    issuer: login.issuer,
    subject: login.subject,
    email: login.email,
  });
  return { user, created: true, linked: true };
}
