// A separate entry (@astron/kit/db/contract) because the suite imports vitest, which services must not load.
export { contractMigrations, runDatabaseContract, type DatabaseContractTarget } from '../contract.js';
