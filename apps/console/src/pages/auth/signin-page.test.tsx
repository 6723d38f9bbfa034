// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('sign-in page', () => {
  it('validates the email and password before calling the server', async () => {
    const network = fakeNetwork({});
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/signin');
    fireEvent.click(await screen.findByTestId('signin-submit'));
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('signin-email'), { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByText('Enter a valid email address.')).toBeTruthy();
    expect(network.calls).toEqual([]);
  });

  it('says plainly when the password is wrong, and stays on the page', async () => {
    const network = fakeNetwork({
      'GET /api/me': () => ({ status: 401, body: { code: 'not_signed_in', message: 'sign in first' } }),
      'POST /api/auth/login': () => ({
        status: 401,
        body: { code: 'invalid_credentials', message: 'wrong email or password' },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/signin?returnTo=%2Fmembers');
    fireEvent.change(await screen.findByTestId('signin-email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByTestId('signin-password'), { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByText('The email or password is not correct.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/signin');
    expect(network.calls.find((call) => call.path === '/api/auth/login')?.body).toEqual({
      email: 'ada@example.com',
      password: 'wrong password',
    });
  });

  it('signs in and goes back to where the person came from', async () => {
    const network = fakeNetwork({
      'GET /api/me': () => ({ status: 401, body: { code: 'not_signed_in', message: 'sign in first' } }),
      'POST /api/auth/login': () => ({ body: meAs('admin') }),
      'GET /api/members': () => ({ body: { items: [] } }),
      'GET /api/invitations': () => ({ body: { items: [] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/signin?returnTo=%2Fmembers');
    fireEvent.change(await screen.findByTestId('signin-email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByTestId('signin-password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/members'));
    expect(await screen.findByTestId('space-switcher')).toBeTruthy();
  });

  it('offers the SSO provider and explains a failed SSO round trip', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/signin?error=invalid_state&returnTo=%2Fapi-keys', {
      setup: { needsSetup: false, localLogin: false, sso: { name: 'Casdoor' } },
    });
    const button = await screen.findByTestId('signin-sso');
    expect(button.textContent).toBe('Sign in with Casdoor');
    expect(button.getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2Fapi-keys');
    expect(screen.getByTestId('signin-sso-error').textContent).toBe(
      'That sign-in link expired or was already used. Start again.',
    );
    expect(screen.queryByTestId('signin-form')).toBeNull();
  });

  it('sends a first run to setup', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    const { router } = renderApp('/signin', { setup: { needsSetup: true, localLogin: true, sso: null } });
    expect(await screen.findByTestId('setup-form')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/setup');
  });
});
