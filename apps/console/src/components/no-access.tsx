import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries.js';
import { EmptyState } from './ui/empty-state.js';

/** A page the current role may not see (reached by a link or after switching spaces). */
export function NoAccess() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <EmptyState
      icon={Lock}
      title={t('common.noAccessTitle')}
      description={t('common.noAccessBody', {
        role: t(`roles.${me.currentSpace.role}`),
        space: me.currentSpace.name,
      })}
    />
  );
}
