/**
 * A 422 BAD_STEP_DATA answered to a form (a step's or a start form): each fault goes under its
 * field, in the server's words without the data key in brackets; what no field of the form holds
 * is returned, named by its label, for the dialog's alert line.
 */
import type { ApiError } from '../../core/api.ts';
import type { FieldProblem } from '../../../src/model/formSchema.ts';
import type { StepForm } from './stepForm.ts';

/** The server's words without the field's data key in brackets ("Kolom "Nomor berkas" (nomorBerkas) …"). */
function readable(fault: FieldProblem): string {
  return fault.label ? fault.detail.replaceAll(` (${fault.field})`, '') : fault.detail;
}

/** Places the faults under their fields; the alert text to show (`again` says what to do when all are placed). */
export function placeRefusal(form: StepForm | undefined, error: ApiError, again: string): string {
  const faults = (error.problem.fields as FieldProblem[] | undefined) ?? [{ field: String(error.problem.field ?? ''), detail: error.problem.detail }];
  const unplaced = faults.filter((fault) => !form?.showError(fault.field, readable(fault)));
  return unplaced.length === 0 ? again : unplaced.map((fault) => `${fault.label ?? 'Isian'}: ${readable(fault)}`).join(' ');
}
