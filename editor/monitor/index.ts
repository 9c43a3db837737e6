/** The monitor for pimpinan: deadline watch over all open steps and the compliance report (view "pemantauan"). */
import shell from '../shell/index.ts';
import './monitor.css';
import { MonitorView } from './monitorView.ts';

export default {
  __depends__: [shell],
  __init__: ['monitorView'],
  monitorView: ['type', MonitorView],
};
