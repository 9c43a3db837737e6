/**
 * Versioned schema of the PostgreSQL store: the same tables as the SQLite store's migrations, in
 * PostgreSQL types (BIGINT epoch milliseconds, BOOLEAN lateness). Identifier columns use the "C"
 * collation so that ordering and keyset paging by id sort bytewise, exactly as SQLite does,
 * whatever the database's locale. A migration, once released, is never edited — add the next one.
 */
export const postgresMigrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'kasus, log berantai hash, timer, langkah terbuka, definisi, kunci idempotensi',
    sql: `
      CREATE TABLE definitions (
        process_id TEXT COLLATE "C" NOT NULL,
        version INTEGER NOT NULL,
        name TEXT,
        hash TEXT NOT NULL,
        xml TEXT NOT NULL,
        deployed_at TEXT NOT NULL,
        deployed_by TEXT NOT NULL,
        PRIMARY KEY (process_id, version)
      );
      CREATE TABLE cases (
        id TEXT COLLATE "C" PRIMARY KEY,
        root_id TEXT COLLATE "C" NOT NULL,
        parent_id TEXT COLLATE "C",
        process_id TEXT COLLATE "C" NOT NULL,
        definition_version INTEGER NOT NULL,
        business_key TEXT,
        status TEXT NOT NULL,
        revision INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_ms BIGINT NOT NULL,
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
        case_id TEXT COLLATE "C" NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        event TEXT NOT NULL,
        entry TEXT NOT NULL,
        state_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      );
      CREATE FUNCTION case_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'case_log hanya boleh ditambah (append-only)';
        END;
      $$;
      CREATE TRIGGER case_log_no_change BEFORE UPDATE OR DELETE ON case_log
        FOR EACH ROW EXECUTE FUNCTION case_log_append_only();
      CREATE TRIGGER case_log_no_truncate BEFORE TRUNCATE ON case_log
        FOR EACH STATEMENT EXECUTE FUNCTION case_log_append_only();
      CREATE TABLE timers (
        case_id TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        due TEXT NOT NULL,
        due_ms BIGINT NOT NULL,
        event TEXT NOT NULL,
        every TEXT,
        remaining INTEGER,
        PRIMARY KEY (case_id, key)
      );
      CREATE INDEX timers_due ON timers (due_ms);
      CREATE TABLE open_steps (
        case_id TEXT COLLATE "C" NOT NULL,
        step_id TEXT COLLATE "C" NOT NULL,
        process_id TEXT COLLATE "C" NOT NULL,
        name TEXT,
        pelaksana TEXT COLLATE "C",
        started_at TEXT NOT NULL,
        due TEXT,
        due_ms BIGINT,
        late BOOLEAN NOT NULL,
        PRIMARY KEY (case_id, step_id)
      );
      CREATE INDEX open_steps_pelaksana ON open_steps (pelaksana, due_ms);
      CREATE INDEX open_steps_due ON open_steps (due_ms);
      CREATE TABLE commands (
        idempotency_key TEXT COLLATE "C" PRIMARY KEY,
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
        id TEXT COLLATE "C" PRIMARY KEY,
        nama TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL, -- JSON array
        disabled BOOLEAN NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT COLLATE "C" PRIMARY KEY,
        user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        expires_ms BIGINT NOT NULL
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
      ALTER TABLE open_steps ADD COLUMN claimed_by TEXT COLLATE "C", ADD COLUMN claimed_at TEXT;
      -- The case list's order (newest first) and its from/to bounds.
      CREATE INDEX cases_started ON cases (started_ms DESC, id);
    `,
  },
  {
    version: 5,
    name: 'unit kerja pengguna; kata sandi yang wajib diganti',
    sql: `
      ALTER TABLE users ADD COLUMN unit TEXT, ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false;
    `,
  },
];
