/** A person's row in the store: its own file with no imports, so the web app reads the same type (issue 20). */

/** A person who uses Protap, with the roles that decide what they may do. */
export interface UserRow {
  /** Login name, e.g. "jurusita-1" (lowercase letters, digits, . _ -). */
  id: string;
  /** Full display name, e.g. "Budi Santoso" (the stores' column `nama`). */
  name: string;
  /** argon2id hash (PHC string) of the password. */
  passwordHash: string;
  /** admin, analis, pimpinan, auditor, and pelaksana roles (the sop:pelaksana ids of lanes). */
  roles: string[];
  disabled: boolean;
  /** The person's work unit, e.g. "Kepaniteraan Pidana" (as the SOPs' identity names it). */
  unit?: string;
  /** Set when an admin chose the password (a new person, a reset): nothing but changing it is allowed until then. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}
