/** The analyst's own disk: save the diagram as a .bpmn file (or its SOP document), or pick one to open. */

/** Offers `content` (a diagram's XML unless `type` says otherwise, or a Blob as it is) as a download named `name`. */
export function download(name: string, content: string | Blob, type = 'application/bpmn+xml'): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Asks for a .bpmn file; answers its name and text, or nothing when the dialog is cancelled. */
export function pickFile(): Promise<{ name: string; xml: string } | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.bpmn,.xml,application/xml,text/xml';
    input.hidden = true;
    // Attached while it is open: some browsers (and test drivers) only serve a chooser of an input in the document.
    document.body.append(input);
    input.addEventListener('change', () => {
      input.remove();
      const file = input.files?.[0];
      if (!file) resolve(undefined);
      else file.text().then((xml) => resolve({ name: file.name, xml }), () => resolve(undefined));
    });
    input.addEventListener('cancel', () => { input.remove(); resolve(undefined); });
    input.click();
  });
}
