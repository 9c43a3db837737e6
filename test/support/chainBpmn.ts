/** A BPMN document of one process: a start, `tasks` user tasks in a row, an end; no diagram. */
export function chainBpmn(tasks: number, processId = 'rantai'): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D_${processId}" targetNamespace="urn:protap:uji">`,
    `<bpmn:process id="${processId}" isExecutable="true"><bpmn:startEvent id="mulai"/>`,
  ];
  let previous = 'mulai';
  for (let i = 0; i < tasks; i++) {
    parts.push(`<bpmn:userTask id="t${i}" name="Langkah ${i + 1}"/><bpmn:sequenceFlow id="f${i}" sourceRef="${previous}" targetRef="t${i}"/>`);
    previous = `t${i}`;
  }
  parts.push(`<bpmn:endEvent id="selesai"/><bpmn:sequenceFlow id="f_akhir" sourceRef="${previous}" targetRef="selesai"/></bpmn:process></bpmn:definitions>`);
  return parts.join('');
}
