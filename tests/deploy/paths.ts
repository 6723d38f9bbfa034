import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const composeFile = join(repositoryRoot, 'deploy/docker/docker-compose.yaml');
export const envExampleFile = join(repositoryRoot, 'deploy/docker/.env.example');

/** The placeholder every secret in .env.example carries; the services refuse it in distributed mode. */
export const placeholderMark = 'change-me';

/** What every application service's health check runs (in the image's WORKDIR /app). */
export const serviceHealthcheck = ['CMD', 'node', 'packages/kit/dist/http/healthcheck.js'];
