/**
 * Sending a dialog's form once: the button stays dead while the request runs (a double click sends
 * once), success closes the dialog with a notice, a 409 (the case moved on) closes it with the
 * server's words, a 422 BAD_STEP_DATA puts the faults under their fields, any other refusal shows
 * in the dialog's alert line. Used by the step dialog and the dialog that records an outside event.
 */
import { ApiError } from '../../core/api.ts';
import type { Notices } from '../../core/notices.ts';
import { placeRefusal } from './refusal.ts';
import type { StepForm } from './stepForm.ts';

export interface FormSubmission {
  dialog: HTMLDialogElement;
  submit: HTMLButtonElement;
  /** The alert line under the form. */
  problem: HTMLElement;
  notices: Notices;
  /** The form shown, if the dialog has one (read when a refusal comes). */
  form: () => StepForm | undefined;
  /** The notice after success. */
  done: () => string;
  /** What to do once every refused field is marked ("… lalu selesaikan lagi."). */
  again: string;
  changed: () => void;
}

/** The `send` to give the form: runs `request` with the form's data, once at a time. */
export function formSender(s: FormSubmission, request: (data: Record<string, unknown> | undefined) => Promise<unknown>): (data: Record<string, unknown> | undefined) => void {
  let busy = false;
  const refuse = (message: string) => {
    s.problem.textContent = message;
    s.problem.hidden = false;
  };
  return (data) => {
    if (busy) return;
    busy = true;
    s.submit.disabled = true;
    s.problem.hidden = true;
    request(data)
      .then(() => {
        s.notices.show(s.done(), 'sukses');
        s.dialog.close();
        s.changed();
      }, (error: unknown) => {
        if (error instanceof ApiError && error.status === 409) {
          s.notices.error(error);
          s.dialog.close();
          s.changed();
        } else if (error instanceof ApiError && error.code === 'BAD_STEP_DATA') {
          refuse(placeRefusal(s.form(), error, s.again));
        } else refuse(error instanceof Error ? error.message : String(error));
      })
      .finally(() => { busy = false; s.submit.disabled = false; });
  };
}
