#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError } from '@astron/kit/config';
import { createAdmin, type AdminCreateOptions } from './commands/admin.js';
import { agentCommand } from './commands/agent.js';
import { apikeyCommand } from './commands/apikey.js';
import { diagnose } from './commands/doctor.js';
import { kbCommand } from './commands/kb.js';
import { migrateAll } from './commands/migrate.js';
import { providerCommand } from './commands/provider.js';
import { createSpace, type SpaceCreateOptions } from './commands/space.js';
import { startPlatform } from './commands/start.js';
import { startWorker } from './commands/worker.js';
import { workflowCommand } from './commands/workflow.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 78 : 1);
}

const program = new Command('astron').description('Astron Agent platform').version('0.1.0');

program
  .command('start')
  .description('start the platform in this process (embedded by default; ASTRON_MODE=distributed in the environment or --config for servers)')
  .option('-c, --config <file>', 'read variables from an env file (deploy/docker/.env format)')
  .option('-s, --services <names>', 'only these services, comma separated', list)
  .action(async (options: { config?: string; services?: string[] }) => {
    const platform = await startPlatform(options, print).catch(fail);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      print(`astron: ${signal}, stopping`);
      platform.stop().then(() => process.exit(0), fail);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });

program
  .command('worker')
  .description('execute queued workflow runs (queue mode: ASTRON_MODE=distributed, Redis); any number may run')
  .option('-c, --config <file>', 'read variables from an env file (deploy/docker/.env format)')
  .action(async (options: { config?: string }) => {
    const worker = await startWorker(options, print).catch(fail);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      print(`astron worker: ${signal}, finishing running nodes`);
      worker.stop().then(() => process.exit(0), fail);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply the database migrations of every service')
  .option('-c, --config <file>', 'read variables from an env file')
  .option('-s, --services <names>', 'only these services, comma separated', list)
  .action(async (options: { config?: string; services?: string[] }) => {
    await migrateAll(options, print).catch(fail);
  });

program
  .command('doctor')
  .description('check the configuration and every dependency; say how to fix what fails')
  .option('-c, --config <file>', 'read variables from an env file')
  .option('-s, --services <names>', 'only these services, comma separated', list)
  .option('--json', 'print the findings as JSON')
  .action(async (options: { config?: string; services?: string[]; json?: boolean }) => {
    const findings = await diagnose(options).catch(fail);
    if (options.json) print(JSON.stringify({ ok: findings.every((finding) => finding.ok), findings }, null, 2));
    else {
      for (const finding of findings) {
        print(`${finding.ok ? '✓' : '✗'} ${finding.service.padEnd(10)} ${finding.check.padEnd(14)} ${finding.detail}`);
        if (finding.fix !== undefined) print(`  ${''.padEnd(25)}fix: ${finding.fix}`);
      }
    }
    process.exit(findings.every((finding) => finding.ok) ? 0 : 1);
  });

program
  .command('space')
  .description('team spaces')
  .command('create <name>')
  .description('create a team space owned by an existing account; prints its id')
  .requiredOption('--owner <email>', 'the email of the account that owns the space')
  .option('-c, --config <file>', 'read variables from an env file')
  .option('--json', 'print one JSON object: { id, name, kind, owner }')
  .action(async (name: string, options: SpaceCreateOptions & { json?: boolean }) => {
    const space = await createSpace(name, options).catch(fail);
    print(options.json ? JSON.stringify(space) : space.id);
  });

providerCommand(program, print, fail);
apikeyCommand(program, print, fail);
agentCommand(program, print, fail);
workflowCommand(program, print, fail);
kbCommand(program, print, fail);

program
  .command('admin')
  .description('platform administrators')
  .command('create')
  .description('create a platform admin with a password (works before the first start too); prints the user id')
  .requiredOption('--email <email>', 'the email to sign in with')
  .requiredOption('--password <password>', 'at least 10 characters')
  .option('--name <name>', 'the name shown in the console (default: the part of the email before @)')
  .option('-c, --config <file>', 'read variables from an env file')
  .option('--json', 'print one JSON object: { id, email, name, platformAdmin, personalSpaceId }')
  .action(async (options: AdminCreateOptions & { json?: boolean }) => {
    const admin = await createAdmin(options).catch(fail);
    print(options.json ? JSON.stringify(admin) : admin.id);
  });

await program.parseAsync(process.argv);
