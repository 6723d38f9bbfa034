export {
  runService,
  type Dependency,
  type EmbeddedDatabase,
  type RunningService,
  type ServiceModule,
  type SharedInfrastructure,
} from './run.js';
