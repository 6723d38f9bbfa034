import * as client from 'openid-client';
import { AppError, unavailable } from '@astron/kit/errors';
import type { HubContext } from '../context.js';
import type { OidcSettings } from '../config.js';
import { oidcRefused, safeReturnTo, savePending, takePending, type PendingLogin } from './oidc-state.js';

/** What the provider vouched for, once the ID token is verified. */
export interface OidcLogin {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  idToken: string;
  returnTo: string;
}

/**
 * The hub as an OIDC relying party: authorization code flow with PKCE (S256), state and nonce kept
 * server-side, the ID token checked by openid-client (signature against the provider's JWKS, issuer,
 * audience, expiry, nonce). Discovery happens on first use and is kept; a failed one is retried.
 */
export function oidcClient(context: HubContext) {
  let discovered: Promise<client.Configuration> | undefined;

  function settings(): OidcSettings {
    if (context.config.oidc === null)
      throw new AppError({
        code: 'sso_not_configured',
        status: 404,
        message: 'single sign-on is not configured here (OIDC_ISSUER and OIDC_CLIENT_ID)',
      });
    return context.config.oidc;
  }

  function configuration(): Promise<client.Configuration> {
    const oidc = settings();
    discovered ??= discover(oidc).catch((error: unknown) => {
      discovered = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw unavailable(`the OIDC provider ${oidc.issuer} (OIDC_ISSUER) cannot be reached: ${reason}`, error);
    });
    return discovered;
  }

  return {
    /** The provider's authorization URL for a new sign-in; its secrets wait in the cache for the callback. */
    async start(returnTo: string | undefined): Promise<string> {
      const oidc = settings();
      const config = await configuration();
      const pending: PendingLogin = {
        codeVerifier: client.randomPKCECodeVerifier(),
        nonce: client.randomNonce(),
        returnTo: safeReturnTo(returnTo),
      };
      const state = client.randomState();
      await savePending(context, state, pending);
      return client.buildAuthorizationUrl(config, {
        redirect_uri: oidc.redirectUrl,
        scope: oidc.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce: pending.nonce,
      }).href;
    },

    /** Completes the sign-in of a callback (its query string as received); throws oidcRefused. */
    async finish(
      query: { state?: string | undefined; error?: string | undefined },
      search: string,
    ): Promise<OidcLogin> {
      const oidc = settings();
      const pending = await takePending(context, query.state);
      if (query.error !== undefined)
        throw oidcRefused('sso_denied', `the provider refused the sign-in: ${query.error}`);
      const config = await configuration();
      const currentUrl = new URL(oidc.redirectUrl);
      currentUrl.search = search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: query.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw oidcRefused(
          'sso_failed',
          `the provider's answer was refused: ${describeFailure(error)}`,
          error,
        );
      }
      const claims = tokens.claims();
      if (claims === undefined || tokens.id_token === undefined)
        throw oidcRefused('sso_failed', 'the provider sent no ID token');
      let profile: Record<string, unknown> = claims;
      if (typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint !== undefined) {
        profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
      }
      const email = typeof profile.email === 'string' && profile.email !== '' ? profile.email : null;
      const name = [profile.name, profile.preferred_username, profile.nickname].find(
        (value) => typeof value === 'string' && value.trim() !== '',
      );
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email,
        emailVerified: profile.email_verified === true || profile.email_verified === 'true',
        name: typeof name === 'string' ? name.trim() : null,
        idToken: tokens.id_token,
        returnTo: pending.returnTo,
      };
    },

    /** The provider's logout URL for a session signed in through it, or null (no endpoint, provider down). */
    async endSessionUrl(idToken: string): Promise<string | null> {
      const oidc = context.config.oidc;
      if (oidc === null) return null;
      try {
        const config = await configuration();
        if (config.serverMetadata().end_session_endpoint === undefined) return null;
        return client.buildEndSessionUrl(config, {
          id_token_hint: idToken,
          post_logout_redirect_uri: oidc.postLogoutRedirectUrl,
        }).href;
      } catch (error) {
        context.logger.warn({ err: error }, 'no end-session URL: the OIDC provider cannot be reached');
        return null;
      }
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;

async function discover(oidc: OidcSettings): Promise<client.Configuration> {
  const authentication =
    oidc.clientSecret === undefined ? client.None() : client.ClientSecretBasic(oidc.clientSecret);
  // openid-client trusts TLS for ID tokens from the token endpoint and skips their signature unless told:
  // we check it against the provider's JWKS always (an http issuer has no TLS to trust, and a proxy may sit between).
  const execute = [client.enableNonRepudiationChecks];
  // An issuer on plain http (Casdoor inside the Compose network, a test provider) is the operator's choice.
  if (new URL(oidc.issuer).protocol === 'http:') execute.push(client.allowInsecureRequests);
  return client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, authentication, {
    execute,
    timeout: 10,
  });
}

/** openid-client wraps the precise reason ("JWT signature verification failed") in a generic error. */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 4;
    current = current.cause, depth += 1
  ) {
    if (!messages.includes(current.message)) messages.push(current.message);
  }
  return messages.length === 0 ? String(error) : messages.join(': ');
}
