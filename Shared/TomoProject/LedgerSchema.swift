import GRDB

/// The ledger's tables, created by numbered migrations (a database opened by an older build is
/// brought forward; one from a newer build is refused by GRDB's migrator).
///
/// * `jobs`: one row per job; `id` is the RELION job number.
/// * `job_inputs`: lineage, job → node path and the job that wrote it (NULL: outside the pipeline).
/// * `job_outputs`: node paths a job writes, with their RELION node type; a path has one writer.
/// * `job_events`: append-only transition log (triggers refuse UPDATE and DELETE).
/// * `pipeline_counter`: one row, the next job number (`rlnPipeLineJobCounter`).
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    is_tomo INTEGER NOT NULL DEFAULT 0,
                    alias TEXT,
                    status TEXT NOT NULL CHECK (status IN ('pending','running','succeeded','failed','cancelled')),
                    parameters TEXT NOT NULL DEFAULT '{}',
                    command_line TEXT NOT NULL DEFAULT '',
                    created_at REAL NOT NULL,
                    started_at REAL,
                    finished_at REAL,
                    error_message TEXT
                );
                CREATE INDEX jobs_status ON jobs(status);
                CREATE TABLE job_inputs (
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    parent_job_id INTEGER REFERENCES jobs(id),
                    node_path TEXT NOT NULL,
                    node_type TEXT,
                    PRIMARY KEY (job_id, node_path)
                );
                CREATE INDEX job_inputs_parent ON job_inputs(parent_job_id);
                CREATE TABLE job_outputs (
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    node_path TEXT NOT NULL UNIQUE,
                    node_type TEXT NOT NULL,
                    PRIMARY KEY (job_id, node_path)
                );
                CREATE TABLE job_events (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    from_status TEXT,
                    to_status TEXT NOT NULL,
                    at REAL NOT NULL,
                    message TEXT
                );
                CREATE INDEX job_events_job ON job_events(job_id);
                CREATE TRIGGER job_events_no_update BEFORE UPDATE ON job_events
                    BEGIN SELECT RAISE(ABORT, 'job_events is append-only'); END;
                CREATE TRIGGER job_events_no_delete BEFORE DELETE ON job_events
                    BEGIN SELECT RAISE(ABORT, 'job_events is append-only'); END;
                CREATE TABLE pipeline_counter (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    next_job INTEGER NOT NULL
                );
                INSERT INTO pipeline_counter (id, next_job) VALUES (1, 1);
                """)
        }
        return m
    }
}
