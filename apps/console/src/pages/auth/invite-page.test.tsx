// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvitationPreview } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { validateInviteRegister } from './invite-register-form.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const signedOut = () => ({ status: 401, body: { code: 'not_signed_in', message: 'sign in first' } });
const preview = (accountExists: boolean): InvitationPreview => ({
  spaceName: 'Research',
  email: 'nora@example.com',
  role: 'editor',
  expiresAt: '2030-01-01T00:00:00.000Z',
  accountExists,
});

describe('invite page, not signed in', () => {
  it('checks the name and the password length before calling the server', async () => {
    const network = fakeNetwork({
      'GET /api/me': signedOut,
      'GET /api/invitations/preview': () => ({ body: preview(false) }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/invite?token=tok-1');
    expect(await screen.findByTestId('invite-register-form')).toBeTruthy();
    const emailInput = screen.getByTestId<HTMLInputElement>('invite-register-email');
    expect(emailInput.value).toBe('nora@example.com');
    expect(emailInput.readOnly).toBe(true);
    fireEvent.click(screen.getByTestId('invite-register-submit'));
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('invite-register-name'), { target: { value: 'Nora' } });
    fireEvent.change(screen.getByTestId('invite-register-password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByTestId('invite-register-submit'));
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy();
    expect(network.calls.some((call) => call.path === '/api/invitations/register')).toBe(false);
    expect(network.calls.find((call) => call.path.startsWith('/api/invitations/preview'))?.path).toBe(
      '/api/invitations/preview?token=tok-1',
    );
  });

  it('creates the account, joins and goes to the app', async () => {
    const network = fakeNetwork({
      'GET /api/me': signedOut,
      'GET /api/invitations/preview': () => ({ body: preview(false) }),
      'POST /api/invitations/register': () => ({ body: meAs('editor') }),
      'GET /api/providers': () => ({
        body: { items: [], defaults: { chatModel: null, embeddingModel: null } },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/invite?token=tok-2');
    fireEvent.change(await screen.findByTestId('invite-register-name'), { target: { value: ' Nora ' } });
    fireEvent.change(screen.getByTestId('invite-register-password'), {
      target: { value: 'a long enough password' },
    });
    fireEvent.click(screen.getByTestId('invite-register-submit'));
    // '/' is the app's home, which opens the providers page.
    await waitFor(() => expect(router.state.location.pathname).toBe('/providers'));
    expect(await screen.findByTestId('space-switcher')).toBeTruthy();
    expect(network.calls.find((call) => call.path === '/api/invitations/register')?.body).toEqual({
      token: 'tok-2',
      name: 'Nora',
      password: 'a long enough password',
    });
  });

  it('keeps the sign-in path when the email has an account', async () => {
    vi.stubGlobal(
      'fetch',
      fakeNetwork({
        'GET /api/me': signedOut,
        'GET /api/invitations/preview': () => ({ body: preview(true) }),
      }).fetch,
    );
    renderApp('/invite?token=tok-3');
    expect(await screen.findByTestId('invite-signin')).toBeTruthy();
    expect(screen.queryByTestId('invite-register-form')).toBeNull();
  });

  it('says so when the link was used or withdrawn', async () => {
    vi.stubGlobal('fetch', fakeNetwork({ 'GET /api/me': signedOut }).fetch);
    renderApp('/invite?token=tok-4');
    expect(await screen.findByTestId('invite-not-found')).toBeTruthy();
  });
});

describe('validateInviteRegister', () => {
  it('needs a name and a password of at least 10 characters', () => {
    expect(validateInviteRegister({ name: ' ', password: '' })).toEqual({
      name: 'validation.required',
      password: 'validation.required',
    });
    expect(validateInviteRegister({ name: 'Nora', password: '123456789' })).toEqual({
      password: 'validation.passwordLength',
    });
    expect(validateInviteRegister({ name: 'Nora', password: '1234567890' })).toEqual({});
  });
});
