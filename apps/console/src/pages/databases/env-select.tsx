import { useTranslation } from 'react-i18next';
import type { DatabaseEnv } from '../../api/database-types.js';
import { Select } from '../../components/ui/select.js';

/** Which copy: development (where tables are designed) or production (what published agents use). */
export function EnvSelect({
  value,
  onChange,
  testId,
}: {
  value: DatabaseEnv;
  onChange: (env: DatabaseEnv) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      {t('databases.env.label')}
      <Select
        value={value}
        onChange={(event) => onChange(event.target.value as DatabaseEnv)}
        className="w-44"
        data-testid={testId}
      >
        <option value="dev">{t('databases.env.dev')}</option>
        <option value="prod">{t('databases.env.prod')}</option>
      </Select>
    </label>
  );
}
