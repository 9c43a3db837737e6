import { runProtap } from './engines.ts';
await runProtap('four', 'bench/fixtures/fourBranches.bpmn', 20000, false);
