/**
 * An outside event a case can take now (a putusan pronounced, a statement received): part of the
 * case view, kept in a file of its own with no Node imports so the editor reads the same type.
 */
import type { FormSchema } from '../model/formSchema.ts';

export interface AwaitedMessage {
  /** The message to send (POST /api/messages `name`). */
  message: string;
  /** The node that waits for it (receive task or catch event), and its name. */
  node: string;
  label: string;
  form?: FormSchema;
  /** The roles that may record it (`semua`: anyone who acts), from the lanes its catchers stand in; pimpinan and admin may too. */
  recordedBy: string[] | 'semua';
  /** Those roles by their lane names, for people to read. */
  recordedByNames: string[];
  /** GET /api/cases/:id only: whether the person asking may record it (src/auth/sopAccess.ts maySend). */
  mayRecord?: boolean;
}
