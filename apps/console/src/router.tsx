import { lazy, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Link,
  Outlet,
  redirect,
  useRouter,
  type RouterHistory,
} from '@tanstack/react-router';
import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api/index.js';
import { meQuery, setupQuery } from './api/queries.js';
import { ErrorState } from './components/error-state.js';
import { buttonClass } from './components/ui/button.js';
import { EmptyState } from './components/ui/empty-state.js';
import { Spinner } from './components/ui/spinner.js';
import { AgentEditorPage, EDITOR_TABS, type EditorTab } from './pages/agents/agent-editor-page.js';
import { AgentsPage } from './pages/agents/agents-page.js';
import { ApiKeysPage } from './pages/api-keys/api-keys-page.js';
import { AuditPage } from './pages/audit/audit-page.js';
import { InvitePage } from './pages/auth/invite-page.js';
import { KNOWLEDGE_TABS, KnowledgeBasePage, type KnowledgeTab } from './pages/knowledge/knowledge-base-page.js';
import { KnowledgePage } from './pages/knowledge/knowledge-page.js';
import { SetupPage } from './pages/auth/setup-page.js';
import { SignInPage } from './pages/auth/signin-page.js';
import { DATABASE_TABS, type DatabaseTab } from './pages/databases/tabs.js';
import { MembersPage } from './pages/members/members-page.js';
import { PLUGINS_TABS, TOOL_SET_TABS, type PluginsTab, type ToolSetTab } from './pages/plugins/tabs.js';
import { ProfilePage } from './pages/profile/profile-page.js';
import { ProvidersPage } from './pages/providers/providers-page.js';
import { SettingsPage } from './pages/settings/settings-page.js';
import { WorkflowsPage } from './pages/workflows/workflows-page.js';
import { AppShell } from './shell/app-shell.js';

export interface RouterContext {
  queryClient: QueryClient;
}

/** A search parameter as text (the router parses `?error=404` as a number). */
function text(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
}

function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen items-center justify-center text-slate-400">
      <Spinner className="size-6" label={t('common.loading')} />
    </div>
  );
}

function RouteError({ error }: { error: unknown }) {
  const router = useRouter();
  return (
    <div className="flex min-h-[60vh] items-center justify-center">
      <ErrorState error={error} onRetry={() => void router.invalidate()} />
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-[60vh] items-center justify-center" data-testid="not-found">
      <EmptyState
        icon={Compass}
        title={t('notFound.title')}
        description={t('notFound.body')}
        action={
          <Link to="/" className={buttonClass()}>
            {t('notFound.home')}
          </Link>
        }
      />
    </div>
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  beforeLoad: async ({ context }) => {
    if (!(await context.queryClient.ensureQueryData(setupQuery)).needsSetup)
      redirect({ to: '/signin', throw: true });
  },
  component: SetupPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signin',
  validateSearch: (search: Record<string, unknown>): { error?: string; returnTo?: string } => ({
    error: text(search.error),
    returnTo: text(search.returnTo),
  }),
  beforeLoad: async ({ context }) => {
    if ((await context.queryClient.ensureQueryData(setupQuery)).needsSetup)
      redirect({ to: '/setup', throw: true });
  },
  component: function SignInRoute() {
    const search = signInRoute.useSearch();
    return <SignInPage error={search.error} returnTo={search.returnTo} />;
  },
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) }),
  component: function InviteRoute() {
    return <InvitePage token={inviteRoute.useSearch().token ?? ''} />;
  },
});

/** Every signed-in page: set up first, then signed in, else to /setup or /signin (coming back here afterwards). */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    if ((await context.queryClient.ensureQueryData(setupQuery)).needsSetup)
      redirect({ to: '/setup', throw: true });
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isApiError(error) && error.status === 401)
        redirect({ to: '/signin', search: { returnTo: location.href }, throw: true });
      throw error;
    }
  },
  component: AppShell,
});

const page = <TPath extends string>(path: TPath, component: () => ReactNode) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    redirect({ to: '/providers', throw: true });
  },
});

const agentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agents/$agentId',
  validateSearch: (search: Record<string, unknown>): { tab?: EditorTab } => {
    const tab = text(search.tab);
    return { tab: EDITOR_TABS.find((item) => item === tab) };
  },
  component: function AgentRoute() {
    const { agentId } = agentRoute.useParams();
    const { tab } = agentRoute.useSearch();
    const navigate = agentRoute.useNavigate();
    return (
      <AgentEditorPage
        key={agentId}
        agentId={agentId}
        tab={tab ?? 'editor'}
        onTab={(next) =>
          void navigate({ search: { tab: next === 'editor' ? undefined : next }, replace: true })
        }
      />
    );
  },
});

/** The canvas editor brings xyflow, dagre and the DSL's validator: loaded when a workflow is opened. */
const WorkflowEditorPage = lazy(() =>
  import('./pages/workflows/workflow-editor-page.js').then((module) => ({ default: module.WorkflowEditorPage })),
);

const workflowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/$workflowId',
  component: function WorkflowRoute() {
    const { workflowId } = workflowRoute.useParams();
    return <WorkflowEditorPage key={workflowId} workflowId={workflowId} />;
  },
});

const knowledgeBaseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/knowledge/$kbId',
  validateSearch: (search: Record<string, unknown>): { tab?: KnowledgeTab } => {
    const tab = text(search.tab);
    return { tab: KNOWLEDGE_TABS.find((item) => item === tab) };
  },
  component: function KnowledgeBaseRoute() {
    const { kbId } = knowledgeBaseRoute.useParams();
    const { tab } = knowledgeBaseRoute.useSearch();
    const navigate = knowledgeBaseRoute.useNavigate();
    return (
      <KnowledgeBasePage
        key={kbId}
        kbId={kbId}
        tab={tab ?? 'documents'}
        onTab={(next) => void navigate({ search: { tab: next === 'documents' ? undefined : next }, replace: true })}
      />
    );
  },
});

// The plugin and database pages are loaded when first opened, keeping them out of the first download.
const PluginsPage = lazy(() => import('./pages/plugins/plugins-page.js').then((module) => ({ default: module.PluginsPage })));
const ToolSetPage = lazy(() => import('./pages/plugins/tool-set-page.js').then((module) => ({ default: module.ToolSetPage })));
const DatabasesPage = lazy(() =>
  import('./pages/databases/databases-page.js').then((module) => ({ default: module.DatabasesPage })),
);
const DatabasePage = lazy(() => import('./pages/databases/database-page.js').then((module) => ({ default: module.DatabasePage })));

/** A tab search parameter: one of `tabs`, else undefined (the page's first). */
function tabOf<T extends string>(tabs: readonly T[], search: Record<string, unknown>): { tab?: T } {
  const tab = text(search.tab);
  return { tab: tabs.find((item) => item === tab) };
}

const pluginsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plugins',
  validateSearch: (search: Record<string, unknown>): { tab?: PluginsTab } => tabOf(PLUGINS_TABS, search),
  component: function PluginsRoute() {
    const { tab } = pluginsRoute.useSearch();
    const navigate = pluginsRoute.useNavigate();
    return <PluginsPage tab={tab ?? 'tool-sets'} onTab={(next) => void navigate({ search: { tab: next === 'tool-sets' ? undefined : next }, replace: true })} />;
  },
});

const toolSetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plugins/tool-sets/$toolSetId',
  validateSearch: (search: Record<string, unknown>): { tab?: ToolSetTab } => tabOf(TOOL_SET_TABS, search),
  component: function ToolSetRoute() {
    const { toolSetId } = toolSetRoute.useParams();
    const { tab } = toolSetRoute.useSearch();
    const navigate = toolSetRoute.useNavigate();
    return (
      <ToolSetPage
        key={toolSetId}
        toolSetId={toolSetId}
        tab={tab ?? 'operations'}
        onTab={(next) => void navigate({ search: { tab: next === 'operations' ? undefined : next }, replace: true })}
      />
    );
  },
});

const databaseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/databases/$databaseId',
  validateSearch: (search: Record<string, unknown>): { tab?: DatabaseTab } => tabOf(DATABASE_TABS, search),
  component: function DatabaseRoute() {
    const { databaseId } = databaseRoute.useParams();
    const { tab } = databaseRoute.useSearch();
    const navigate = databaseRoute.useNavigate();
    return (
      <DatabasePage
        key={databaseId}
        databaseId={Number(databaseId)}
        tab={tab ?? 'tables'}
        onTab={(next) => void navigate({ search: { tab: next === 'tables' ? undefined : next }, replace: true })}
      />
    );
  },
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  signInRoute,
  inviteRoute,
  appRoute.addChildren([
    indexRoute,
    page('/agents', AgentsPage),
    agentRoute,
    page('/workflows', WorkflowsPage),
    workflowRoute,
    page('/knowledge', KnowledgePage),
    knowledgeBaseRoute,
    pluginsRoute,
    toolSetRoute,
    page('/databases', () => <DatabasesPage />),
    databaseRoute,
    page('/providers', ProvidersPage),
    page('/api-keys', ApiKeysPage),
    page('/members', MembersPage),
    page('/audit', AuditPage),
    page('/settings', SettingsPage),
    page('/profile', ProfilePage),
  ]),
]);

/** The console's router; tests pass a memory history. */
export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    ...(history === undefined ? {} : { history }),
    context: { queryClient },
    defaultPreload: false,
    defaultPendingComponent: FullPageSpinner,
    defaultPendingMs: 300,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
