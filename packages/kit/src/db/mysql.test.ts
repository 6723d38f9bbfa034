import { testServers } from '@astron/testing/servers';
import { runDatabaseContract } from './contract.js';
import { openDatabase } from './open.js';

const server = testServers.mysql;
const pool = { maxOpen: 4, maxIdle: 1 };

runDatabaseContract('mysql', {
  open: (namespace) => openDatabase({ kind: 'mysql', ...server, namespace, pool }),
  unreachable: {
    address: `${server.host}:1`,
    open: () => openDatabase({ kind: 'mysql', ...server, port: 1, namespace: 'unreachable', pool }),
  },
});
