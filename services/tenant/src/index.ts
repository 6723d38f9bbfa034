export { probe } from '@astron/kit/errors';
