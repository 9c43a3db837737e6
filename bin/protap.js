#!/usr/bin/env node
// The `protap` command. Protap is written in TypeScript and runs through tsx,
// so a fresh clone needs no build step before its first command.
import { register } from 'tsx/esm/api';

register();
// `protap … | head` closes the pipe early: end quietly instead of printing an EPIPE stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
