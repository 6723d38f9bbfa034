export { startFakeRpa, type FakeRpa, type FakeRpaOptions } from './server.js';
export { CANCEL_PATH, CREATE_PATH, QUERY_PATH } from './routes.js';
export { queriesOf, statusOf } from './state.js';
export type { FakeEndpoint, FakeExecution, FakeExecutionStatus, FakeRobot, FakeRpaState, RecordedRequest } from './state.js';
