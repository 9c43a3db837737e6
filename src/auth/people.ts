/**
 * People and login (issue 5): accounts with argon2id password hashes (@node-rs/argon2, the
 * OWASP-recommended algorithm, prebuilt), bearer tokens of 32 random bytes of which the store keeps
 * only the SHA-256, sessions that expire. Wrong name and wrong password get the same answer in the
 * same time, so a login form does not tell which accounts exist.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ProtapError } from '../runtime/protapError.ts';
import type { CaseStore, UserRow } from '../store/caseStore.ts';
import { permissionsOf, validRole, type Permission } from './roles.ts';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MIN_PASSWORD = 10;
const MAX_UNIT = 120;
const SESSION_HOURS = 12;

/** Verified against when the name is unknown, so both refusals take as long. */
let decoy: Promise<string> | undefined;

/** What the store keeps of a bearer token: its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A password no one chose: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export interface NewUser {
  id: string;
  name: string;
  password: string;
  roles: string[];
  /** Work unit, e.g. "Kepaniteraan Pidana"; empty or absent: none. */
  unit?: string;
  /** The person must choose their own password at first sign-in (an admin chose this one). */
  mustChangePassword?: boolean;
}

/** What an admin may change about a person; `unit: ''` clears the unit. */
export interface UserChange {
  name?: string;
  password?: string;
  roles?: string[];
  disabled?: boolean;
  unit?: string;
  mustChangePassword?: boolean;
}

/** The user as the API shows it: never the hash. */
export function publicUser(user: UserRow): Omit<UserRow, 'passwordHash'> {
  const { passwordHash: _hidden, ...shown } = user;
  return shown;
}

/** The signed-in person as the web app keeps them: no password hash, with the permissions their roles grant. */
export function signedInUser(user: UserRow): Omit<UserRow, 'passwordHash'> & { permissions: Permission[] } {
  return { ...publicUser(user), permissions: permissionsOf(user) };
}

function checkNewUser(user: NewUser): void {
  if (!ID_PATTERN.test(user.id)) throw new ProtapError('BAD_INPUT', `Nama login "${user.id}" tidak sah: 2–64 huruf kecil, angka, titik, garis bawah atau tanda hubung.`);
  if (user.name.trim().length === 0 || user.name.length > 120) throw new ProtapError('BAD_INPUT', 'Nama lengkap wajib diisi (paling banyak 120 karakter).');
  if (user.password.length < MIN_PASSWORD) throw new ProtapError('BAD_INPUT', `Kata sandi paling sedikit ${MIN_PASSWORD} karakter.`);
  if (user.roles.length === 0) throw new ProtapError('BAD_INPUT', 'Sebutkan paling sedikit satu peran.');
  if ((user.unit?.length ?? 0) > MAX_UNIT) throw new ProtapError('BAD_INPUT', `Unit kerja paling banyak ${MAX_UNIT} karakter.`, { field: 'unit' });
  const bad = user.roles.filter((role) => !validRole(role));
  if (bad.length > 0) throw new ProtapError('BAD_INPUT', `Peran tidak sah: ${bad.join(', ')} (huruf kecil, angka, titik, garis bawah, tanda hubung).`);
}

/** Adds a person; refuses an id that exists. */
/** Everyone's name by login id, to show names instead of ids (GET /api/people). */
export async function peopleNames(store: CaseStore): Promise<{ id: string; name: string }[]> {
  return (await store.listUsers()).map(({ id, name }) => ({ id, name }));
}

/** Every account as an admin manages it, without its password hash (GET /api/users). */
export async function accounts(store: CaseStore): Promise<Omit<UserRow, 'passwordHash'>[]> {
  return (await store.listUsers()).map(publicUser);
}

export async function addUser(store: CaseStore, user: NewUser, now: string): Promise<UserRow> {
  checkNewUser(user);
  if (await store.getUser(user.id)) throw new ProtapError('CONFLICT', `Pengguna "${user.id}" sudah ada.`);
  const unit = user.unit?.trim();
  const row: UserRow = {
    id: user.id, name: user.name.trim(), passwordHash: await hash(user.password), roles: [...new Set(user.roles)],
    disabled: false, ...(unit ? { unit } : {}), mustChangePassword: user.mustChangePassword ?? false, createdAt: now, updatedAt: now,
  };
  await store.saveUser(row);
  return row;
}

/** Changes a person's roles, name, unit, password or whether they may log in; a new password or disabling ends their sessions. */
export async function updateUser(store: CaseStore, id: string, change: UserChange, now: string): Promise<UserRow> {
  const user = await store.getUser(id);
  if (!user) throw new ProtapError('USER_NOT_FOUND', `Pengguna "${id}" tidak ditemukan.`);
  const next: UserRow = { ...user, updatedAt: now };
  if (change.name !== undefined) next.name = change.name.trim();
  if (change.roles !== undefined) next.roles = [...new Set(change.roles)];
  if (change.disabled !== undefined) next.disabled = change.disabled;
  if (change.unit !== undefined) {
    const unit = change.unit.trim();
    if (unit) next.unit = unit;
    else delete next.unit;
  }
  if (change.mustChangePassword !== undefined) next.mustChangePassword = change.mustChangePassword;
  checkNewUser({ id, name: next.name, password: change.password ?? 'x'.repeat(MIN_PASSWORD), roles: next.roles, ...(next.unit ? { unit: next.unit } : {}) });
  const activeAdmin = (u: UserRow) => !u.disabled && u.roles.includes('admin');
  if (activeAdmin(user) && !activeAdmin(next) && !(await store.listUsers()).some((u) => u.id !== id && activeAdmin(u))) {
    // Nobody could manage people any more; only `protap user` on the server machine would help.
    throw new ProtapError('CONFLICT', `"${id}" adalah satu-satunya admin aktif: tambahkan admin lain dulu sebelum menonaktifkannya atau mencabut peran admin-nya.`, { field: change.disabled ? 'disabled' : 'roles' });
  }
  if (change.password !== undefined) next.passwordHash = await hash(change.password);
  await store.saveUser(next);
  if (change.password !== undefined || change.disabled) await store.deleteSessionsOf(id);
  return next;
}

/** Checks a name and password; gives a bearer token valid for 12 hours. */
export async function login(store: CaseStore, id: string, password: string, now: string): Promise<{ token: string; expiresAt: string; user: UserRow }> {
  const user = await store.getUser(id);
  decoy ??= hash(generatePassword());
  const valid = await verify(user?.passwordHash ?? (await decoy), password);
  if (!user || !valid || user.disabled) throw new ProtapError('LOGIN_FAILED', 'Nama login atau kata sandi salah, atau akun dinonaktifkan.');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.parse(now) + SESSION_HOURS * 3_600_000).toISOString();
  await store.saveSession({ tokenHash: tokenHash(token), userId: user.id, createdAt: now, expiresAt });
  return { token, expiresAt, user };
}

/** The person a bearer token belongs to, if its session is live and the account enabled. */
export async function authenticate(store: CaseStore, token: string, now: string): Promise<UserRow | undefined> {
  const session = await store.getSession(tokenHash(token), now);
  const user = session && (await store.getUser(session.userId));
  return user && !user.disabled ? user : undefined;
}

/** An admin's reset: a generated one-time password, to be changed at the next sign-in; the person's sessions end. */
export async function resetPassword(store: CaseStore, id: string, now: string): Promise<{ user: UserRow; password: string }> {
  const password = generatePassword();
  return { user: await updateUser(store, id, { password, mustChangePassword: true }, now), password };
}

/**
 * A person choosing their own password: the current one must be right (refused naming the field
 * `current`, which the server counts as a failed sign-in), the new one long enough and different.
 * Ends the person's other sessions; the one of `token` stays.
 */
export async function changeOwnPassword(store: CaseStore, id: string, token: string, change: { current: string; password: string }, now: string): Promise<UserRow> {
  const user = await store.getUser(id);
  if (!user) throw new ProtapError('USER_NOT_FOUND', `Pengguna "${id}" tidak ditemukan.`);
  if (!(await verify(user.passwordHash, change.current))) throw new ProtapError('BAD_INPUT', 'Kata sandi sekarang salah.', { field: 'current' });
  if (change.password.length < MIN_PASSWORD) throw new ProtapError('BAD_INPUT', `Kata sandi baru paling sedikit ${MIN_PASSWORD} karakter.`, { field: 'password' });
  if (change.password === change.current) throw new ProtapError('BAD_INPUT', 'Kata sandi baru harus berbeda dari kata sandi sekarang.', { field: 'password' });
  const session = await store.getSession(tokenHash(token), now);
  const changed = await updateUser(store, id, { password: change.password, mustChangePassword: false }, now);
  if (session) await store.saveSession(session);
  return changed;
}

export async function logout(store: CaseStore, token: string): Promise<void> {
  await store.deleteSession(tokenHash(token));
}

/**
 * On a store without people, creates the `admin` account — with PROTAP_ADMIN_PASSWORD when given,
 * else a generated password returned once for the caller to show. Several processes starting on
 * one empty database should be given PROTAP_ADMIN_PASSWORD (or started one after another).
 */
export async function ensureAdmin(store: CaseStore, now: string, password?: string): Promise<{ created: boolean; generated?: string }> {
  if ((await store.countUsers()) > 0) return { created: false };
  const chosen = password ?? generatePassword();
  let created: UserRow;
  try {
    created = await addUser(store, { id: 'admin', name: 'Administrator', password: chosen, roles: ['admin'] }, now);
  } catch (error) {
    if (error instanceof ProtapError && error.code === 'CONFLICT') return { created: false };
    throw error;
  }
  // Two server processes starting together on one empty database: the last write won; only its password is shown.
  if ((await store.getUser('admin'))?.passwordHash !== created.passwordHash) return { created: false };
  return password ? { created: true } : { created: true, generated: chosen };
}
