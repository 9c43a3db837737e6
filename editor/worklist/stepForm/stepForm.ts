/**
 * A step's form drawn by bpmn.io form-js's viewer, in Bahasa Indonesia (its validator messages
 * through `indonesianValidator`). The dialog around it decides what to do with the data: form-js
 * validates on submit and shows its faults under the fields; only a form without faults reaches
 * `onData`. A fault the server finds (422 BAD_STEP_DATA) is put under its field the same way.
 */
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import type { FormSchema } from '../../../src/model/formSchema.ts';
import indonesianValidator from './indonesianValidator.ts';
import { localizeViewer } from './localizeViewer.ts';
import { stepData } from './stepData.ts';

export interface StepForm {
  /** The form-js container, to be placed in the dialog. */
  element: HTMLElement;
  /** Submits like the form's own Enter key: form-js validates, then `onData` runs if all is well. */
  submit(): void;
  /** Shows `detail` under the field holding `key`; false when the form has no such field. */
  showError(key: string, detail: string): boolean;
  destroy(): void;
}

interface SubmitResult { data: Record<string, unknown>; errors: Record<string, unknown> }
interface FieldRegistry { getAll(): { id: string; key?: string }[] }

/** The schema as the viewer needs it: form-js labels a date field by `dateLabel`, not `label`. */
function viewerSchema(schema: FormSchema): FormSchema {
  return {
    ...schema,
    components: schema.components.map((field) => (field.type === 'datetime' && !field.dateLabel && field.label ? { ...field, dateLabel: field.label } : field)),
  };
}

/**
 * Keeps a submit button from taking the focus on mousedown. The blur it would cause makes form-js
 * take the typed value and clear a "Wajib diisi." shown before; the button moves up under the
 * mouse and the click lands beside it. `submit()` blurs the field itself instead.
 */
export function holdFocus(button: HTMLElement): void {
  button.addEventListener('mousedown', (event) => event.preventDefault());
}

/** Renders `schema`; `onData` gets the data to send each time the form is submitted without faults. */
export async function createStepForm(schema: FormSchema, onData: (data: Record<string, unknown>) => void): Promise<StepForm> {
  const element = document.createElement('div');
  element.className = 'isian-langkah';
  const form = new Form({ container: element, additionalModules: [indonesianValidator], properties: { ariaLabel: 'Isian langkah' } });
  form.on('submit', (event: SubmitResult) => {
    if (Object.keys(event.errors).length === 0) onData(stepData(schema, event.data));
  });
  const stopLocalizing = localizeViewer(element);
  await form.importSchema(viewerSchema(schema));
  return {
    element,
    submit: () => {
      // form-js takes what is typed 300 ms late, or at once on blur: blur first so the value counts.
      if (document.activeElement instanceof HTMLElement && element.contains(document.activeElement)) document.activeElement.blur();
      form.submit();
    },
    showError(key, detail) {
      const field = form.get<FieldRegistry>('formFieldRegistry').getAll().find((f) => f.key === key);
      if (!field) return false;
      // form-js keeps errors by field id and clears one when its field is edited again.
      form._setState({ errors: { ...form._getState().errors, [field.id]: [detail] } });
      return true;
    },
    destroy() {
      stopLocalizing();
      form.destroy();
    },
  };
}
