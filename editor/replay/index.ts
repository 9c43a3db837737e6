/** The auditor's replay view (view "audit"): the verdict of a case's replay, its log and a step-through on the diagram. */
import shell from '../shell/index.ts';
import './replay.css';
import { AuditView } from './auditView.ts';

export default {
  __depends__: [shell],
  __init__: ['auditView'],
  auditView: ['type', AuditView],
};
