import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/index.js';

/** Retries only what may pass on a second try: no answer, 5xx, 429; never a 4xx the server meant. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) =>
          failures < 2 &&
          (!isApiError(error) || error.status === 0 || error.status === 429 || error.status >= 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}
