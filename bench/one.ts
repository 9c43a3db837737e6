/** One scenario in a fresh process (for repeated runs): `node --expose-gc --import tsx bench/one.ts fourBranches 10000 [keep]`. */
import { resolve } from 'node:path';
import { runProtap } from './engines.ts';

const [name = 'tenSteps', count = '10000', keep] = process.argv.slice(2);
const file = resolve(import.meta.dirname, 'fixtures', `${name}.bpmn`);
for (const warm of ['tenSteps', 'fourBranches']) await runProtap(warm, resolve(import.meta.dirname, 'fixtures', `${warm}.bpmn`), 2_000, false);
const figures = await runProtap(name, file, Number(count), keep === 'keep');
console.log(Math.round(figures.stepsPerSecond));
