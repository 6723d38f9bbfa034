import { useTranslation } from 'react-i18next';
import type { AuthType } from '../../api/plugin-types.js';
import { Field, Input } from '../../components/ui/input.js';
import { Select } from '../../components/ui/select.js';
import { AUTH_TYPES, type AuthField, type AuthValues } from './auth-model.js';

/** How a tool set's calls authenticate: one form per type; the stored secret shows masked. */
export function AuthFields({
  values,
  problem,
  onChange,
}: {
  values: AuthValues;
  problem: (field: AuthField) => string | undefined;
  onChange: (next: Partial<AuthValues>) => void;
}) {
  const { t } = useTranslation();
  const text = (
    field: 'name' | 'username' | 'tokenUrl' | 'clientId' | 'scopes' | 'audience',
    testId: string,
    hint?: string,
  ) => (
    <Field
      label={t(`plugins.auth.fields.${field}`)}
      hint={hint}
      error={field === 'scopes' || field === 'audience' ? undefined : problem(field)}
    >
      {(control) => (
        <Input
          {...control}
          value={values[field]}
          onChange={(event) => onChange({ [field]: event.target.value })}
          data-testid={testId}
        />
      )}
    </Field>
  );
  const secretLabel = {
    none: '',
    apiKey: 'value',
    bearer: 'token',
    basic: 'password',
    oauth2: 'clientSecret',
  } as const;
  return (
    <div className="space-y-4" data-testid="toolset-auth">
      <Field label={t('plugins.auth.type')}>
        {(control) => (
          <Select
            {...control}
            value={values.type}
            onChange={(event) => onChange({ type: event.target.value as AuthType, secret: '' })}
            data-testid="toolset-auth-type"
          >
            {AUTH_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`plugins.auth.types.${type}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {values.type === 'apiKey' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('plugins.auth.fields.in')}>
            {(control) => (
              <Select
                {...control}
                value={values.in}
                onChange={(event) => onChange({ in: event.target.value as 'header' | 'query' })}
                data-testid="toolset-auth-in"
              >
                <option value="header">{t('plugins.auth.in.header')}</option>
                <option value="query">{t('plugins.auth.in.query')}</option>
              </Select>
            )}
          </Field>
          {text('name', 'toolset-auth-name')}
        </div>
      )}
      {values.type === 'basic' && text('username', 'toolset-auth-username')}
      {values.type === 'oauth2' && (
        <>
          {text('tokenUrl', 'toolset-auth-token-url')}
          <div className="grid gap-4 sm:grid-cols-2">
            {text('clientId', 'toolset-auth-client-id')}
            <Field label={t('plugins.auth.fields.clientAuth')}>
              {(control) => (
                <Select
                  {...control}
                  value={values.clientAuth}
                  onChange={(event) => onChange({ clientAuth: event.target.value as 'basic' | 'body' })}
                  data-testid="toolset-auth-client-auth"
                >
                  <option value="basic">{t('plugins.auth.clientAuth.basic')}</option>
                  <option value="body">{t('plugins.auth.clientAuth.body')}</option>
                </Select>
              )}
            </Field>
            {text('scopes', 'toolset-auth-scopes', t('plugins.auth.scopesHint'))}
            {text('audience', 'toolset-auth-audience')}
          </div>
        </>
      )}
      {values.type !== 'none' && (
        <Field
          label={t(`plugins.auth.fields.${secretLabel[values.type]}`)}
          hint={t('plugins.auth.secretHint')}
          error={problem('secret')}
        >
          {(control) => (
            <Input
              {...control}
              type="password"
              autoComplete="off"
              value={values.secret}
              onChange={(event) => onChange({ secret: event.target.value })}
              data-testid="toolset-auth-secret"
            />
          )}
        </Field>
      )}
    </div>
  );
}
