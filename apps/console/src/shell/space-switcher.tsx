import { useNavigate } from '@tanstack/react-router';
import { Building2, Check, ChevronsUpDown, Plus, UserRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/index.js';
import { useAdoptMe, useMe } from '../api/queries.js';
import type { Me } from '../api/types.js';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from '../components/ui/menu.js';
import { useToast } from '../components/ui/toast.js';
import { errorMessage } from '../lib/errors.js';
import { CreateSpaceDialog } from './create-space-dialog.js';

function SpaceIcon({ kind }: { kind: 'personal' | 'team' }) {
  const Icon = kind === 'personal' ? UserRound : Building2;
  return (
    <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600">
      <Icon className="size-3.5" aria-hidden />
    </span>
  );
}

/** The current space, the others to switch to, and a way to create a team space. */
export function SpaceSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const adoptMe = useAdoptMe();
  const navigate = useNavigate();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const current = me.currentSpace;
  const spaceName = (space: { name: string }) => space.name || t('spaces.personal');

  async function switchTo(spaceId: string) {
    if (spaceId === current.id) return;
    try {
      const next: Me = await api.me.switchSpace(spaceId);
      await adoptMe(next);
      toast.success(t('spaces.switched', { name: spaceName(next.currentSpace) }));
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }

  const groups = [
    { label: t('spaces.personalGroup'), spaces: me.spaces.filter((space) => space.kind === 'personal') },
    { label: t('spaces.teamGroup'), spaces: me.spaces.filter((space) => space.kind === 'team') },
  ];

  return (
    <>
      <Menu
        label={t('spaces.switch')}
        data-testid="space-switcher"
        className="w-72"
        trigger={() => (
          <span className="flex items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-slate-100">
            <SpaceIcon kind={current.kind} />
            <span
              className="max-w-36 truncate text-sm font-medium text-slate-900 sm:max-w-48"
              data-testid="current-space"
            >
              {spaceName(current)}
            </span>
            <span className="hidden text-xs text-slate-400 sm:inline">{t(`roles.${current.role}`)}</span>
            <ChevronsUpDown className="size-4 text-slate-400" aria-hidden />
          </span>
        )}
      >
        {(close) => (
          <>
            {groups.map(
              (group) =>
                group.spaces.length > 0 && (
                  <div key={group.label}>
                    <MenuLabel>{group.label}</MenuLabel>
                    {group.spaces.map((space) => (
                      <MenuItem
                        key={space.id}
                        data-testid="space-option"
                        data-space-id={space.id}
                        data-space-name={space.name}
                        aria-current={space.id === current.id || undefined}
                        onClick={() => {
                          close();
                          void switchTo(space.id);
                        }}
                      >
                        <SpaceIcon kind={space.kind} />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate">{spaceName(space)}</span>
                          <span className="block text-xs text-slate-400">{t(`roles.${space.role}`)}</span>
                        </span>
                        {space.id === current.id && <Check className="size-4 text-indigo-600" aria-hidden />}
                      </MenuItem>
                    ))}
                  </div>
                ),
            )}
            <MenuSeparator />
            <MenuItem
              data-testid="space-create"
              onClick={() => {
                close();
                setCreating(true);
              }}
            >
              <Plus className="size-4" aria-hidden />
              {t('spaces.create')}
            </MenuItem>
          </>
        )}
      </Menu>
      <CreateSpaceDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={async (name) => {
          setCreating(false);
          // The new space is current on the server; load `Me` to show it.
          await adoptMe(await api.me.get());
          toast.success(t('spaces.created', { name }));
          await navigate({ to: '/members' });
        }}
      />
    </>
  );
}
