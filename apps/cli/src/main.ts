import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CatalogueSeeder } from '@app/catalogue';
import { DomainError } from '@app/common';
import { ConfigError, loadConfig, readSecret } from '@app/config';
import { openDatabase, runMigrations } from '@app/database';
import { IdentityService, ROLES, type Role } from '@app/identity';
import { CliModule } from './cli.module';
import { promptSecret } from './prompt';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  seed                                      load the shipped catalogue (adds only what is missing)
  create-user --email E --role admin|editor [--name N] [--reset]
                                            create a user (or with --reset set a new password and role);
                                            the password comes from ADMIN_PASSWORD or a prompt

Without DATABASE_URL the commands use the embedded PostgreSQL under .data/ (started if needed).`;

const out = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const resolved = config.withDatabaseUrl(db.url);
    switch (command) {
      case 'migrate': {
        const ran = await runMigrations(db.url);
        out(ran.length ? `Applied: ${ran.join(', ')}` : 'Database is up to date');
        return 0;
      }
      case 'seed': {
        await runMigrations(db.url);
        const app = await NestFactory.createApplicationContext(CliModule.forRoot(resolved), { logger: false });
        try {
          const r = await app.get(CatalogueSeeder).seed();
          out(`Added ${r.programmes} programmes, ${r.organisations} organisations, ${r.terms} taxonomy terms`);
        } finally {
          await app.close();
        }
        return 0;
      }
      case 'create-user': {
        const { values } = parseArgs({
          args: rest,
          options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, reset: { type: 'boolean' } },
          strict: true,
        });
        if (!values.email || !values.role || !(ROLES as readonly string[]).includes(values.role)) {
          out('create-user needs --email and --role admin|editor');
          return 2;
        }
        const password = readSecret('ADMIN_PASSWORD') ?? (await promptSecret(`Password for ${values.email}: `));
        await runMigrations(db.url);
        const app = await NestFactory.createApplicationContext(CliModule.forRoot(resolved), { logger: false });
        try {
          const identity = app.get(IdentityService);
          const user = values.reset
            ? await identity.resetUser(values.email, password, values.role as Role)
            : await identity.createUser(values.email, password, values.role as Role, values.name);
          out(`${values.reset ? 'Updated' : 'Created'} ${user.role} ${user.email} (${user.id})`);
        } finally {
          await app.close();
        }
        return 0;
      }
      default:
        out(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DomainError || (error as Error)?.name === 'TypeError';
    process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
