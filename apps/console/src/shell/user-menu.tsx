import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { LogOut, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/index.js';
import { keys, useMe } from '../api/queries.js';
import { Menu, MenuItem, MenuSeparator } from '../components/ui/menu.js';
import { useToast } from '../components/ui/toast.js';
import { errorMessage } from '../lib/errors.js';

export function Avatar({ name, className = 'size-8 text-xs' }: { name: string; className?: string }) {
  const initials =
    name
      .trim()
      .split(/\s+/)
      .map((part) => part[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?';
  return (
    <span
      className={`flex shrink-0 items-center justify-center rounded-full bg-indigo-600 font-semibold text-white ${className}`}
    >
      {initials}
    </span>
  );
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();

  async function signOut() {
    try {
      const { redirectTo } = await api.auth.logout();
      // An SSO session also ends at the provider, which sends the browser back afterwards.
      if (redirectTo !== null) return window.location.assign(redirectTo);
      await navigate({ to: '/signin' });
      // After leaving the signed-in pages, so nothing on screen asks for the data again.
      queryClient.removeQueries({ queryKey: keys.me });
      queryClient.removeQueries({ queryKey: keys.space });
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }

  return (
    <Menu
      label={t('userMenu.label')}
      align="end"
      data-testid="user-menu"
      trigger={() => <Avatar name={me.user.name || me.user.email} />}
    >
      {(close) => (
        <>
          <div className="px-2.5 py-2">
            <p className="truncate text-sm font-medium text-slate-900">{me.user.name}</p>
            <p className="truncate text-xs text-slate-500">{me.user.email}</p>
          </div>
          <MenuSeparator />
          <MenuItem
            data-testid="user-menu-profile"
            onClick={() => {
              close();
              void navigate({ to: '/profile' });
            }}
          >
            <UserRound className="size-4" aria-hidden />
            {t('nav.profile')}
          </MenuItem>
          <MenuItem
            data-testid="user-menu-signout"
            onClick={() => {
              close();
              void signOut();
            }}
          >
            <LogOut className="size-4" aria-hidden />
            {t('userMenu.signOut')}
          </MenuItem>
        </>
      )}
    </Menu>
  );
}
