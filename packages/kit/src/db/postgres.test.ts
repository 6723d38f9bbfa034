import { testServers } from '@astron/testing/servers';
import { runDatabaseContract } from './contract.js';
import { openDatabase } from './open.js';

const server = testServers.postgres;
const pool = { maxOpen: 4, maxIdle: 1 };

runDatabaseContract('postgres', {
  open: (namespace) => openDatabase({ kind: 'postgres', ...server, namespace, pool }),
  unreachable: {
    address: `${server.host}:1`,
    open: () => openDatabase({ kind: 'postgres', ...server, port: 1, namespace: 'unreachable', pool }),
  },
});
