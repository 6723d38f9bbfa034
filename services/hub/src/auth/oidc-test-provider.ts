// A test fixture, not service code: it runs a real OIDC provider and a proxy on loopback.
// eslint-disable-next-line no-restricted-imports
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  SignJWT,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
} from 'jose';
import Provider, { type OidcProviderContext } from 'oidc-provider';

/** What the proxy does to the ID token in the token endpoint's answer. */
export type Tampering = 'none' | 'foreign-key' | 'wrong-audience' | 'expired';

export interface TestOidcProvider {
  /** The issuer the hub is given (OIDC_ISSUER): the proxy, which forwards to the provider. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  tampering: Tampering;
  /** Registers the hub's callback and post-logout URLs and starts the provider behind the proxy. */
  attach(hubUrl: string): Promise<void>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}

/**
 * oidc-provider with its own signing key (the test holds the private key), devInteractions for the
 * login form, and an account for any login name: "<name>@example.test", verified unless the name
 * starts with "unverified". The proxy in front rewrites ID tokens as `tampering` says.
 */
export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  const kid = 'test-signing-key';
  const real = await generateKeyPair('RS256', { extractable: true });
  const rogue = await generateKeyPair('RS256', { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(real.privateKey)), kid, alg: 'RS256', use: 'sig' };
  let target: number | null = null;
  let providerServer: Server | null = null;

  const fixture: TestOidcProvider = {
    issuer: '',
    clientId: 'astron-hub',
    clientSecret: randomBytes(16).toString('hex'),
    tampering: 'none',
    async attach(hubUrl) {
      const provider = new Provider(fixture.issuer, {
        clients: [
          {
            client_id: fixture.clientId,
            client_secret: fixture.clientSecret,
            redirect_uris: [`${hubUrl}/api/auth/oidc/callback`],
            post_logout_redirect_uris: [`${hubUrl}/signin`],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [privateJwk] },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        findAccount: (_context: unknown, id: string) => ({
          accountId: id,
          claims: () => ({
            sub: id,
            email: `${id}@example.test`,
            email_verified: !id.startsWith('unverified'),
            name: `Test ${id}`,
          }),
        }),
        // A first-party client: consent is given once the person is signed in (oidc-provider's skip-consent recipe).
        loadExistingGrant: async (context: OidcProviderContext) => {
          const { client, session, result } = context.oidc;
          if (client === undefined || session?.accountId === undefined) return undefined;
          const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
          if (grantId !== undefined) return provider.Grant.find(grantId);
          const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      });
      providerServer = createServer(provider.callback());
      target = await listen(providerServer);
    },
    async close() {
      await closeServer(proxy);
      if (providerServer !== null) await closeServer(providerServer);
    },
  };

  async function rewrite(idToken: string): Promise<string> {
    const claims = decodeJwt(idToken);
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: Record<string, unknown>, key: CryptoKey) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: decodeProtectedHeader(idToken).alg ?? 'RS256', kid, typ: 'JWT' })
        .sign(key);
    switch (fixture.tampering) {
      case 'foreign-key':
        return sign(claims, rogue.privateKey);
      case 'wrong-audience':
        return sign({ ...claims, aud: 'someone-else' }, real.privateKey);
      case 'expired':
        return sign({ ...claims, iat: now - 7200, exp: now - 3600 }, real.privateKey);
      default:
        return idToken;
    }
  }

  function relay(incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer): void {
    // Plain bodies only, so the token answer can be read and rewritten.
    const headers = { ...incoming.headers };
    delete headers['accept-encoding'];
    const upstream = forward(
      { host: '127.0.0.1', port: target ?? 0, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          void (async () => {
            let payload = Buffer.concat(chunks);
            if (
              incoming.url?.startsWith('/token') === true &&
              answer.statusCode === 200 &&
              fixture.tampering !== 'none'
            ) {
              const json = JSON.parse(payload.toString('utf8')) as { id_token?: string };
              if (json.id_token !== undefined) json.id_token = await rewrite(json.id_token);
              payload = Buffer.from(JSON.stringify(json));
            }
            const answerHeaders = { ...answer.headers, 'content-length': String(payload.length) };
            delete answerHeaders['transfer-encoding'];
            outgoing.writeHead(answer.statusCode ?? 502, answerHeaders).end(payload);
          })();
        });
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    upstream.end(body);
  }

  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      // Until attach(), the provider is "down": the hub's discovery must fail cleanly.
      if (target === null) outgoing.writeHead(502).end();
      else relay(incoming, outgoing, Buffer.concat(chunks));
    });
  });
  fixture.issuer = `http://127.0.0.1:${await listen(proxy)}`;
  return fixture;
}
