import { runProtap, settle } from './engines.ts';
const order = process.argv[2] === 'par-first' ? ['four', 'ten'] : ['ten', 'four'];
const files: Record<string, string> = { ten: 'bench/fixtures/tenSteps.bpmn', four: 'bench/fixtures/fourBranches.bpmn' };
for (const name of order) { await runProtap(name, files[name]!, 500, false); settle(); const f = await runProtap(name, files[name]!, 10000, false); console.log(name, Math.round(f.stepsPerSecond)); }
