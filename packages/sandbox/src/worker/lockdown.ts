/**
 * Imported first by every worker, before any engine loads. The permission model (see launch.ts)
 * already stops file writes, reads outside the engine's files, child processes, workers and native
 * addons; Node 20's model does not cover the network or signals, so this module takes those away
 * from the whole process. The originals are not kept anywhere, so code that somehow reached
 * JavaScript could not put them back.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { constants as fsConstants } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function refusal(what: string): () => never {
  return function refused(): never {
    throw new Error(`${what} is not available in the sandbox`);
  };
}

function seal(target: object, names: readonly string[], what: string): void {
  for (const name of names) {
    if (!(name in target)) continue;
    Object.defineProperty(target, name, { value: refusal(what), writable: false, configurable: false, enumerable: false });
  }
}

const lookups = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];

// Every TCP, TLS, HTTP and WebSocket client ends in Socket#connect; every server in Server#listen.
seal(net.Socket.prototype, ['connect'], 'network access');
seal(net.Server.prototype, ['listen'], 'network access');
seal(dgram.Socket.prototype, ['bind', 'connect', 'send'], 'network access');
seal(dns, lookups, 'DNS');
seal(dns.promises, lookups, 'DNS');
seal(dns.Resolver.prototype, lookups, 'DNS');
seal(dns.promises.Resolver.prototype, lookups, 'DNS');

// Signals could reach the host's processes; native bindings bypass everything above.
seal(process, ['kill', 'dlopen', 'setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups'], 'process control');
// Pyodide's file system layer reads fs flag constants through process.binding at start; nothing else is given.
Object.defineProperty(process, 'binding', {
  value: (name: string) => {
    if (name === 'constants') return { fs: fsConstants };
    throw new Error('process.binding is not available in the sandbox');
  },
  writable: false,
  configurable: false,
});

// `import { lookup } from 'node:dns'` reads the ES module's own copy of each export; bring those in line.
syncBuiltinESMExports();

/** Drops globals that reach out of the process; called again after an engine boots, since Pyodide sets `require`. */
export function removeOutboundGlobals(): void {
  for (const name of ['fetch', 'WebSocket', 'EventSource', 'require']) {
    if (name in globalThis) Reflect.deleteProperty(globalThis, name);
  }
}

removeOutboundGlobals();
