import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUnauthorizedHandler } from './api/index.js';
import { initI18n } from './i18n/index.js';
import { createQueryClient } from './lib/query-client.js';
import { ToastProvider } from './components/ui/toast.js';
import { createAppRouter } from './router.js';
import { safeReturnTo } from './lib/return-to.js';
import './index.css';

initI18n();
const queryClient = createQueryClient();
const router = createAppRouter(queryClient);
const PUBLIC_PATHS = ['/signin', '/setup', '/invite'];

// The session ended while the console was open: sign in again and come back to the same page.
setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (PUBLIC_PATHS.includes(pathname)) return;
  void router.navigate({ to: '/signin', search: { returnTo: safeReturnTo(pathname + search) } });
});

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
