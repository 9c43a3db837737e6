/** Versioned schema of the SQLite store; a migration, once released, is never edited — add the next one. */
export const sqliteMigrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'kasus, log berantai hash, timer, langkah terbuka, definisi, kunci idempotensi',
    sql: `
      CREATE TABLE definitions (
        process_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT,
        hash TEXT NOT NULL,
        xml TEXT NOT NULL,
        deployed_at TEXT NOT NULL,
        deployed_by TEXT NOT NULL,
        PRIMARY KEY (process_id, version)
      );
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        root_id TEXT NOT NULL,
        parent_id TEXT,
        process_id TEXT NOT NULL,
        definition_version INTEGER NOT NULL,
        business_key TEXT,
        status TEXT NOT NULL,
        revision INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        ended_at TEXT,
        updated_at TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        state TEXT NOT NULL
      );
      CREATE INDEX cases_root ON cases (root_id);
      CREATE INDEX cases_business_key ON cases (business_key) WHERE business_key IS NOT NULL;
      CREATE INDEX cases_process_status ON cases (process_id, status);
      CREATE INDEX cases_status ON cases (status);
      CREATE TABLE case_log (
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        event TEXT NOT NULL,
        entry TEXT NOT NULL,
        state_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- A rowid table: entries are appended at its end; rows this large do not suit WITHOUT ROWID.
      CREATE UNIQUE INDEX case_log_case_seq ON case_log (case_id, seq);
      CREATE TRIGGER case_log_no_update BEFORE UPDATE ON case_log
        BEGIN SELECT RAISE(ABORT, 'case_log hanya boleh ditambah (append-only)'); END;
      CREATE TRIGGER case_log_no_delete BEFORE DELETE ON case_log
        BEGIN SELECT RAISE(ABORT, 'case_log hanya boleh ditambah (append-only)'); END;
      CREATE TABLE timers (
        case_id TEXT NOT NULL,
        key TEXT NOT NULL,
        due TEXT NOT NULL,
        due_ms INTEGER NOT NULL,
        event TEXT NOT NULL,
        every TEXT,
        remaining INTEGER,
        PRIMARY KEY (case_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX timers_due ON timers (due_ms);
      CREATE TABLE open_steps (
        case_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        process_id TEXT NOT NULL,
        name TEXT,
        pelaksana TEXT,
        started_at TEXT NOT NULL,
        due TEXT,
        due_ms INTEGER,
        late INTEGER NOT NULL,
        PRIMARY KEY (case_id, step_id)
      ) WITHOUT ROWID;
      CREATE INDEX open_steps_pelaksana ON open_steps (pelaksana, due_ms);
      CREATE INDEX open_steps_due ON open_steps (due_ms);
      CREATE TABLE commands (
        idempotency_key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'pengguna dan sesi login',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        nama TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL, -- JSON array
        disabled INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        expires_ms INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
    `,
  },
  {
    version: 3,
    name: 'kalender kerja yang diterbitkan lewat server',
    sql: `
      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'klaim langkah terbuka; kasus menurut waktu mulai',
    sql: `
      ALTER TABLE open_steps ADD COLUMN claimed_by TEXT;
      ALTER TABLE open_steps ADD COLUMN claimed_at TEXT;
      -- The case list's order (newest first) and its from/to bounds.
      CREATE INDEX cases_started ON cases (started_ms DESC, id);
    `,
  },
  {
    version: 5,
    name: 'unit kerja pengguna; kata sandi yang wajib diganti',
    sql: `
      ALTER TABLE users ADD COLUMN unit TEXT;
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
