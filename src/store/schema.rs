//! The schema, as an append-only list of migrations. An entry is never edited
//! or reordered once released; a change is a new entry at the end.

pub const MIGRATIONS: &[&str] = &[
    // 1: plans, their divisions and groups, sections, tasks, rules, loads.
    r#"
    CREATE TABLE plan (
        pk           INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        title        TEXT NOT NULL,
        doc_no       TEXT,
        issuer       TEXT,
        issued       TEXT,
        office       TEXT NOT NULL,
        due          TEXT,
        feedback     TEXT NOT NULL,
        feedback_day INTEGER,
        warn         TEXT,
        meta         TEXT NOT NULL,
        source       TEXT NOT NULL,
        loaded_at    TEXT NOT NULL
    );
    CREATE TABLE unit (
        pk      INTEGER PRIMARY KEY,
        plan_pk INTEGER NOT NULL REFERENCES plan(pk),
        name    TEXT NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('division', 'group')),
        ord     INTEGER NOT NULL,
        active  INTEGER NOT NULL DEFAULT 1,
        UNIQUE (plan_pk, name)
    );
    CREATE TABLE unit_alias (
        unit_pk INTEGER NOT NULL REFERENCES unit(pk),
        alias   TEXT NOT NULL,
        PRIMARY KEY (unit_pk, alias)
    ) WITHOUT ROWID;
    CREATE INDEX unit_alias_alias ON unit_alias(alias);
    CREATE TABLE group_member (
        group_pk  INTEGER NOT NULL REFERENCES unit(pk),
        member_pk INTEGER NOT NULL REFERENCES unit(pk),
        PRIMARY KEY (group_pk, member_pk)
    ) WITHOUT ROWID;
    CREATE INDEX group_member_member ON group_member(member_pk);
    CREATE TABLE section (
        pk      INTEGER PRIMARY KEY,
        plan_pk INTEGER NOT NULL REFERENCES plan(pk),
        id      TEXT NOT NULL,
        title   TEXT NOT NULL,
        role    TEXT NOT NULL CHECK (role IN ('lead', 'support', 'own')),
        ord     INTEGER NOT NULL,
        active  INTEGER NOT NULL DEFAULT 1,
        UNIQUE (plan_pk, id)
    );
    CREATE TABLE task (
        pk         INTEGER PRIMARY KEY,
        plan_pk    INTEGER NOT NULL REFERENCES plan(pk),
        id         TEXT NOT NULL,
        section_pk INTEGER NOT NULL REFERENCES section(pk),
        ord        INTEGER NOT NULL,
        title      TEXT NOT NULL,
        text       TEXT NOT NULL,
        due        TEXT,
        withdrawn  INTEGER NOT NULL DEFAULT 0,
        content    TEXT NOT NULL,
        UNIQUE (plan_pk, id)
    );
    CREATE INDEX task_id ON task(id);
    CREATE INDEX task_plan_ord ON task(plan_pk, ord);
    CREATE TABLE assignment (
        task_pk INTEGER NOT NULL REFERENCES task(pk),
        unit_pk INTEGER NOT NULL REFERENCES unit(pk),
        role    TEXT NOT NULL CHECK (role IN ('lead', 'support')),
        ord     INTEGER NOT NULL,
        PRIMARY KEY (task_pk, unit_pk)
    ) WITHOUT ROWID;
    CREATE INDEX assignment_unit ON assignment(unit_pk, task_pk);
    CREATE TABLE rule (
        task_pk INTEGER NOT NULL REFERENCES task(pk),
        ord     INTEGER NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('after', 'quota')),
        event   TEXT NOT NULL,
        within  TEXT,
        count   INTEGER,
        by      TEXT,
        what    TEXT,
        PRIMARY KEY (task_pk, ord)
    ) WITHOUT ROWID;
    CREATE TABLE load (
        pk        INTEGER PRIMARY KEY,
        plan_pk   INTEGER NOT NULL REFERENCES plan(pk),
        at        TEXT NOT NULL,
        source    TEXT NOT NULL,
        added     INTEGER NOT NULL,
        changed   INTEGER NOT NULL,
        withdrawn INTEGER NOT NULL,
        restored  INTEGER NOT NULL
    );
    "#,
    // 2: progress feedback from divisions and the office's reviews. `seq`
    // orders records of all kinds (feedback, reviews, events) as they were
    // written, for records made at the same moment.
    r#"
    CREATE TABLE feedback (
        pk          INTEGER PRIMARY KEY,
        task_pk     INTEGER NOT NULL REFERENCES task(pk),
        assignee_pk INTEGER NOT NULL REFERENCES unit(pk),
        unit_pk     INTEGER NOT NULL REFERENCES unit(pk),
        status      TEXT NOT NULL
                    CHECK (status IN ('not-started', 'in-progress', 'blocked', 'done')),
        percent     INTEGER CHECK (percent BETWEEN 0 AND 100),
        note        TEXT NOT NULL DEFAULT '',
        by          TEXT NOT NULL DEFAULT '',
        at          TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        rank        TEXT NOT NULL,
        import_key  TEXT UNIQUE,
        obligation  INTEGER,
        seq         INTEGER NOT NULL
    );
    CREATE INDEX feedback_latest ON feedback(task_pk, assignee_pk, rank);
    CREATE INDEX feedback_at ON feedback(at);
    CREATE INDEX feedback_seq ON feedback(seq);
    CREATE TABLE review (
        pk          INTEGER PRIMARY KEY,
        task_pk     INTEGER NOT NULL REFERENCES task(pk),
        decision    TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
        answers     INTEGER REFERENCES feedback(pk),
        note        TEXT NOT NULL DEFAULT '',
        by          TEXT NOT NULL DEFAULT '',
        at          TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        seq         INTEGER NOT NULL
    );
    CREATE INDEX review_task ON review(task_pk, at);
    CREATE INDEX review_seq ON review(seq);
    "#,
    // 3: events that open obligations or count towards quotas, and the
    // working-day calendar years loaded by users.
    r#"
    CREATE TABLE event (
        pk          INTEGER PRIMARY KEY,
        task_pk     INTEGER NOT NULL REFERENCES task(pk),
        kind        TEXT NOT NULL,
        at          TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        seq         INTEGER NOT NULL
    );
    CREATE INDEX event_task ON event(task_pk, pk);
    CREATE INDEX event_seq ON event(seq);
    CREATE TABLE calendar_day (
        year INTEGER NOT NULL,
        date TEXT NOT NULL,
        off  INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (year, date)
    ) WITHOUT ROWID;
    CREATE TABLE calendar_year (
        year      INTEGER PRIMARY KEY,
        source    TEXT NOT NULL,
        loaded_at TEXT NOT NULL
    );
    "#,
    // 4: each assignee's latest entry (obligations aside), kept as entries
    // are written, so that statuses are read without scanning the history
    // (the one with the highest `rank`, the order key of `record::rank`; its
    // fields are copied, so that reading them takes no seek into the
    // history); indexes for the
    // roll-up's other reads of the history.
    r#"
    CREATE TABLE latest (
        task_pk     INTEGER NOT NULL REFERENCES task(pk),
        assignee_pk INTEGER NOT NULL REFERENCES unit(pk),
        feedback_pk INTEGER NOT NULL REFERENCES feedback(pk),
        unit_pk     INTEGER NOT NULL REFERENCES unit(pk),
        status      TEXT NOT NULL,
        percent     INTEGER,
        note        TEXT NOT NULL,
        by          TEXT NOT NULL,
        at          TEXT NOT NULL,
        PRIMARY KEY (task_pk, assignee_pk)
    ) WITHOUT ROWID;
    -- With max(), SQLite takes the other columns from the row holding the
    -- maximum.
    INSERT INTO latest (task_pk, assignee_pk, feedback_pk,
                        unit_pk, status, percent, note, by, at)
        SELECT task_pk, assignee_pk, pk, unit_pk, status, percent, note, by, at
        FROM (SELECT *, max(rank) FROM feedback WHERE obligation IS NULL
              GROUP BY task_pk, assignee_pk);
    -- Who reported in a period, read from the index alone; reports on
    -- obligations, found without scanning every entry.
    DROP INDEX feedback_at;
    CREATE INDEX feedback_at ON feedback(at, task_pk, assignee_pk);
    CREATE INDEX feedback_obligation ON feedback(task_pk, obligation, at)
        WHERE obligation IS NOT NULL;
    CREATE INDEX task_withdrawn ON task(withdrawn) WHERE withdrawn;
    "#,
    // 5: what the cron check selects its candidates by, kept as records are
    // written: each task's status with everything recorded taken into
    // account, and the earliest of its assignees' latest returns ('' when
    // one has never reported). A task added by a load has neither feedback
    // nor reviews, so the defaults are right for it; the rows already there
    // are computed right after this migration (`Store::refresh_states`).
    r#"
    ALTER TABLE task ADD COLUMN state TEXT NOT NULL DEFAULT 'not-started';
    ALTER TABLE task ADD COLUMN returned_at TEXT NOT NULL DEFAULT '';
    CREATE INDEX task_due ON task(plan_pk, due, state) WHERE NOT withdrawn;
    CREATE INDEX task_returned ON task(plan_pk, returned_at, state) WHERE NOT withdrawn;
    CREATE INDEX task_section ON task(plan_pk, section_pk, state) WHERE NOT withdrawn;
    CREATE INDEX review_at ON review(at);
    "#,
    // 6: one rule for "already recorded": an entry equals a recorded one
    // when its cleaned values are equal (task, obligation, division, status,
    // percent, note, by, and its time; for an entry given without a time,
    // the day it was recorded). `same` is a hash of those values, to find
    // the candidates; the values themselves are compared. `at_given` tells
    // whether the time was stated. The import keys of earlier versions, a
    // joined string, are no longer written or read. `same` of the rows
    // already there is computed right after this migration
    // (`Store::refresh_sameness`).
    r#"
    ALTER TABLE feedback ADD COLUMN at_given INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE feedback ADD COLUMN same INTEGER;
    UPDATE feedback SET at_given = 0
        WHERE (import_key IS NOT NULL AND import_key LIKE '%imported ____-__-__')
           OR (import_key IS NULL AND at = recorded_at);
    CREATE INDEX feedback_same ON feedback(same);
    "#,
    // 7: corrections with a trail. Every record has its number, `seq`,
    // shared by all kinds (feedback, reviews, events, batch imports, voids)
    // and shown as #N, and who recorded it (the system account). A record
    // is voided, never deleted: `voided` holds the number of the void, whose
    // reason, author and time are in `void`. A batch import is a record of
    // its own (`import`), and its entries point to it; an entry that amends
    // another points to the one it replaces.
    r#"
    ALTER TABLE feedback ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE feedback ADD COLUMN voided INTEGER;
    ALTER TABLE feedback ADD COLUMN import_seq INTEGER;
    ALTER TABLE feedback ADD COLUMN amends INTEGER;
    ALTER TABLE review ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE review ADD COLUMN voided INTEGER;
    ALTER TABLE event ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE event ADD COLUMN voided INTEGER;
    CREATE INDEX feedback_import ON feedback(import_seq) WHERE import_seq IS NOT NULL;
    CREATE INDEX feedback_voided ON feedback(task_pk) WHERE voided IS NOT NULL;
    CREATE TABLE import (
        pk          INTEGER PRIMARY KEY,
        seq         INTEGER NOT NULL UNIQUE,
        file        TEXT NOT NULL,
        digest      TEXT NOT NULL,
        sheet       TEXT,
        entries     INTEGER NOT NULL DEFAULT 0,
        added       INTEGER NOT NULL DEFAULT 0,
        left_blank  INTEGER NOT NULL DEFAULT 0,
        skipped     INTEGER NOT NULL DEFAULT 0,
        repeated    INTEGER NOT NULL DEFAULT 0,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL DEFAULT '',
        voided      INTEGER
    );
    CREATE TABLE void (
        pk          INTEGER PRIMARY KEY,
        seq         INTEGER NOT NULL UNIQUE,
        target      INTEGER NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('feedback', 'review', 'event', 'import')),
        task_pk     INTEGER REFERENCES task(pk),
        reason      TEXT NOT NULL,
        by          TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX void_task ON void(task_pk);
    "#,
    // 8: reminders (催办) sent by the office, recorded with `remind
    // --record`. A reminder is a numbered record like the others (its
    // number is shared with them, `seq`), addressed to one division of one
    // plan, and names the tasks it reminded of (`reminder_task`: the role the
    // division has in each, the group it has it through, the kinds of item
    // named and the earliest deadline). It may be voided: the `void` table is
    // made again to let its `kind` be 'reminder' (SQLite cannot change a
    // CHECK in place); its rows are kept as they are.
    r#"
    CREATE TABLE reminder (
        pk          INTEGER PRIMARY KEY,
        seq         INTEGER NOT NULL UNIQUE,
        plan_pk     INTEGER NOT NULL REFERENCES plan(pk),
        unit_pk     INTEGER NOT NULL REFERENCES unit(pk),
        issued      TEXT NOT NULL,
        reply_by    TEXT,
        file        TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL DEFAULT '',
        voided      INTEGER
    );
    CREATE INDEX reminder_unit ON reminder(plan_pk, unit_pk);
    CREATE TABLE reminder_task (
        reminder_pk INTEGER NOT NULL REFERENCES reminder(pk),
        task_pk     INTEGER NOT NULL REFERENCES task(pk),
        ord         INTEGER NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('lead', 'support')),
        through     TEXT,
        kinds       TEXT NOT NULL,
        deadline    TEXT NOT NULL,
        PRIMARY KEY (reminder_pk, task_pk)
    ) WITHOUT ROWID;
    CREATE INDEX reminder_task_task ON reminder_task(task_pk);
    CREATE TABLE void_8 (
        pk          INTEGER PRIMARY KEY,
        seq         INTEGER NOT NULL UNIQUE,
        target      INTEGER NOT NULL UNIQUE,
        kind        TEXT NOT NULL
                    CHECK (kind IN ('feedback', 'review', 'event', 'import', 'reminder')),
        task_pk     INTEGER REFERENCES task(pk),
        reason      TEXT NOT NULL,
        by          TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO void_8 (pk, seq, target, kind, task_pk, reason, by, recorded_at, recorded_by)
        SELECT pk, seq, target, kind, task_pk, reason, by, recorded_at, recorded_by FROM void;
    DROP TABLE void;
    ALTER TABLE void_8 RENAME TO void;
    CREATE INDEX void_task ON void(task_pk);
    "#,
    // 9: assignees outside the body
    // (`unit.kind` 'outside': ministries, provinces a notice is issued down
    // to), sections that state no role (`section.role` NULL), and
    // assignments made under a role word of the plan (`assignment.word`;
    // NULL for the built-in 牵头 and 配合), and each task's deliverable and
    // target (the target as JSON: its text, value and unit), as in its
    // content, to be read without it. `unit` and `section` are made
    // again to change their CHECKs, their rows kept as they are, with
    // foreign keys unenforced while migrating (`Store::migrate`).
    r#"
    CREATE TABLE unit_9 (
        pk      INTEGER PRIMARY KEY,
        plan_pk INTEGER NOT NULL REFERENCES plan(pk),
        name    TEXT NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('division', 'group', 'outside')),
        ord     INTEGER NOT NULL,
        active  INTEGER NOT NULL DEFAULT 1,
        UNIQUE (plan_pk, name)
    );
    INSERT INTO unit_9 (pk, plan_pk, name, kind, ord, active)
        SELECT pk, plan_pk, name, kind, ord, active FROM unit;
    DROP TABLE unit;
    ALTER TABLE unit_9 RENAME TO unit;
    CREATE TABLE section_9 (
        pk      INTEGER PRIMARY KEY,
        plan_pk INTEGER NOT NULL REFERENCES plan(pk),
        id      TEXT NOT NULL,
        title   TEXT NOT NULL,
        role    TEXT CHECK (role IN ('lead', 'support', 'own')),
        ord     INTEGER NOT NULL,
        active  INTEGER NOT NULL DEFAULT 1,
        UNIQUE (plan_pk, id)
    );
    INSERT INTO section_9 (pk, plan_pk, id, title, role, ord, active)
        SELECT pk, plan_pk, id, title, role, ord, active FROM section;
    DROP TABLE section;
    ALTER TABLE section_9 RENAME TO section;
    ALTER TABLE assignment ADD COLUMN word TEXT;
    ALTER TABLE task ADD COLUMN deliverable TEXT;
    ALTER TABLE task ADD COLUMN target TEXT;
    CREATE INDEX task_outcome ON task(plan_pk)
        WHERE deliverable IS NOT NULL OR target IS NOT NULL;
    "#,
    // 10: sub-tasks. `parent_pk` is the task a task is a sub-task of
    // (docs/plan-format.md, "Sub-tasks"); a task with sub-tasks keeps in
    // `state` the status rolled up from them (`Store::refresh_states`).
    // Tasks loaded before have no parent, as their stored content says.
    r#"
    ALTER TABLE task ADD COLUMN parent_pk INTEGER REFERENCES task(pk);
    CREATE INDEX task_parent ON task(parent_pk) WHERE parent_pk IS NOT NULL;
    "#,
    // 11: deadlines as notices write them, and recurring duties. A task's
    // `due` given as a phrase keeps its wording (`due_text`) and its kind
    // (`due_kind`: 'period' for a phrase resolved to the date in `due`,
    // 'ongoing' and 'unstated' for none); so does the plan's default. The
    // `rule` table is made again to let its `kind` be 'every' (SQLite cannot
    // change a CHECK in place): such a rule recurs `every` year, quarter or
    // month, is due `by` a day of each period, from `starts` to `ends`;
    // its `event` is '' when it names none. Its rows are kept as they are.
    r#"
    ALTER TABLE task ADD COLUMN due_kind TEXT;
    ALTER TABLE task ADD COLUMN due_text TEXT;
    ALTER TABLE plan ADD COLUMN due_kind TEXT;
    ALTER TABLE plan ADD COLUMN due_text TEXT;
    CREATE TABLE rule_11 (
        task_pk INTEGER NOT NULL REFERENCES task(pk),
        ord     INTEGER NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('after', 'quota', 'every')),
        event   TEXT NOT NULL,
        within  TEXT,
        count   INTEGER,
        by      TEXT,
        what    TEXT,
        every   TEXT,
        starts  TEXT,
        ends    TEXT,
        PRIMARY KEY (task_pk, ord)
    ) WITHOUT ROWID;
    INSERT INTO rule_11 (task_pk, ord, kind, event, within, count, by, what)
        SELECT task_pk, ord, kind, event, within, count, by, what FROM rule;
    DROP TABLE rule;
    ALTER TABLE rule_11 RENAME TO rule;
    "#,
];
