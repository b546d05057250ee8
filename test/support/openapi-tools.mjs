// Runs the tools consultants use on our OpenAPI document, in plain Node (both are ES modules):
// the Redocly linter with its recommended rules, and openapi-typescript, which writes the
// typed paths a client is compiled against. Usage: node openapi-tools.mjs <openapi.json> <out.d.ts>
// Prints the linter's problems as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';

const [source, out] = process.argv.slice(2);
const text = readFileSync(source, 'utf8');
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: text, absoluteRef: source, config });
writeFileSync(out, astToString(await openapiTS(JSON.parse(text))));
process.stdout.write(JSON.stringify(problems.map((p) => ({ rule: p.ruleId, severity: p.severity, at: p.location?.[0]?.pointer, message: p.message }))));
