/**
 * The diagram "Baru" starts from: the smallest SOP the engine accepts — one pool with one lane
 * (its pelaksana), a start, one step with a waktu, an end. The process id is fresh so deploying
 * it unchanged never adds a version to someone else's SOP.
 */
export function newDiagram(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:sop="urn:protap:sop:1.0" id="Definisi_${processId}" targetNamespace="urn:protap:sop" exporter="protap pemodel">
  <bpmn:collaboration id="Kolaborasi_${processId}">
    <bpmn:participant id="Peserta_${processId}" name="Satuan kerja" processRef="${processId}" />
  </bpmn:collaboration>
  <bpmn:process id="${processId}" name="SOP baru" isExecutable="true">
    <bpmn:extensionElements>
      <sop:identitas nama="SOP baru" />
    </bpmn:extensionElements>
    <bpmn:laneSet id="Lajur">
      <bpmn:lane id="Lajur_pelaksana" name="Pelaksana" sop:pelaksana="pelaksana">
        <bpmn:flowNodeRef>Mulai</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Langkah_1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Selesai</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Mulai" name="Mulai" />
    <bpmn:userTask id="Langkah_1" name="Langkah pertama" sop:no="1" sop:waktu="1 hari kerja" />
    <bpmn:endEvent id="Selesai" name="Selesai" />
    <bpmn:sequenceFlow id="Alur_1" sourceRef="Mulai" targetRef="Langkah_1" />
    <bpmn:sequenceFlow id="Alur_2" sourceRef="Langkah_1" targetRef="Selesai" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${processId}">
    <bpmndi:BPMNPlane id="Bidang_${processId}" bpmnElement="Kolaborasi_${processId}">
      <bpmndi:BPMNShape id="Peserta_${processId}_di" bpmnElement="Peserta_${processId}" isHorizontal="true">
        <dc:Bounds x="100" y="60" width="550" height="130" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Lajur_pelaksana_di" bpmnElement="Lajur_pelaksana" isHorizontal="true">
        <dc:Bounds x="130" y="60" width="520" height="130" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Mulai_di" bpmnElement="Mulai">
        <dc:Bounds x="232" y="107" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Langkah_1_di" bpmnElement="Langkah_1">
        <dc:Bounds x="350" y="85" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Selesai_di" bpmnElement="Selesai">
        <dc:Bounds x="532" y="107" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Alur_1_di" bpmnElement="Alur_1">
        <di:waypoint x="268" y="125" />
        <di:waypoint x="350" y="125" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Alur_2_di" bpmnElement="Alur_2">
        <di:waypoint x="450" y="125" />
        <di:waypoint x="532" y="125" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** A process id for a new SOP: readable, a valid XML id, and unlikely to meet an existing one. */
export function newProcessId(now: Date = new Date()): string {
  return `sop-baru-${now.getTime().toString(36)}`;
}
