export {
  runService,
  type Dependency,
  type EmbeddedContext,
  type EmbeddedDatabase,
  type RunningService,
  type ServiceModule,
  type SharedInfrastructure,
} from './run.js';
export { databaseDependency, httpDependency, migrationRunner, redisDependency, serviceDependency } from './dependencies.js';
