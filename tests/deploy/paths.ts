import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
export const composeFile = join(repositoryRoot, 'deploy/docker/docker-compose.yaml');
export const envExampleFile = join(repositoryRoot, 'deploy/docker/.env.example');
/** Casdoor and its MySQL, usable alone. */
export const authComposeFile = join(repositoryRoot, 'deploy/docker/docker-compose-auth.yml');
/** Completes docker-compose.yaml + docker-compose-auth.yml: the hub and the console wired to Casdoor. */
export const withAuthComposeFile = join(repositoryRoot, 'deploy/docker/docker-compose-with-auth.yaml');
/** The three files of the deployment with Casdoor sign-in, in the order Compose merges them. */
export const withAuthFiles = [composeFile, authComposeFile, withAuthComposeFile];

/** The console image: its Dockerfile, nginx template and entry point (apps/console). */
export const consoleDockerfile = join(repositoryRoot, 'apps/console/Dockerfile');
export const consoleNginxTemplate = join(repositoryRoot, 'apps/console/nginx.conf');
export const consoleEntrypoint = join(repositoryRoot, 'apps/console/docker-entrypoint.sh');

/** The placeholder every secret in .env.example carries; the services refuse it in distributed mode. */
export const placeholderMark = 'change-me';

/** What every application service's health check runs (in the image's WORKDIR /app). */
export const serviceHealthcheck = ['CMD', 'node', 'packages/kit/dist/http/healthcheck.js'];
