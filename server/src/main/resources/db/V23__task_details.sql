-- What the task list shows of each task beside its totals (V22): the models that served it, its human turn's intent
-- and the task guard's newest note. The list read them from the shown tasks' records, all of them: a task of 300,000
-- turns cost 1.8-2.2 s a call, every two seconds on the live page (bench/README.md, "The overview from sums by hour").
ALTER TABLE task_totals ADD COLUMN intent VARCHAR(20);
ALTER TABLE task_totals ADD COLUMN guard_policies VARCHAR(2000);
ALTER TABLE task_totals ADD COLUMN guard_at TIMESTAMP;

CREATE TABLE task_models (
    task   VARCHAR(32)  NOT NULL,
    model  VARCHAR(300) NOT NULL,
    PRIMARY KEY (task, model)
);

-- The tasks already in the audit (TaskRollup.Sums: the least human-turn intent, the newest guard note), each grouped
-- from the records that have one into a table of one row a task, then copied by its key. Derby aggregates NULLs many
-- times slower than values (V22), and most records have neither: MIN(intent) over every turn 0 took 13 s of the 18
-- this script took for 300,000 records of 30,000 tasks (bench/consolereads.py), 0.5 s with its NULLs left out.
INSERT INTO task_models (task, model)
SELECT DISTINCT task, served_model FROM audit_records WHERE task IS NOT NULL AND served_model IS NOT NULL;

CREATE TABLE upgrade_task_intents (
    task   VARCHAR(32) NOT NULL PRIMARY KEY,
    intent VARCHAR(20)
);
INSERT INTO upgrade_task_intents (task, intent)
SELECT task, MIN(intent) FROM audit_records WHERE task IS NOT NULL AND turn = 0 AND intent IS NOT NULL GROUP BY task;
UPDATE task_totals SET intent = (SELECT u.intent FROM upgrade_task_intents u WHERE u.task = task_totals.task);
DROP TABLE upgrade_task_intents;

CREATE TABLE upgrade_task_guards (
    task           VARCHAR(32) NOT NULL PRIMARY KEY,
    guard_at       TIMESTAMP   NOT NULL,
    guard_policies VARCHAR(2000)
);
INSERT INTO upgrade_task_guards (task, guard_at)
SELECT task, MAX(created_at) FROM audit_records WHERE task IS NOT NULL AND policies LIKE '%task-guard: %'
GROUP BY task;
UPDATE upgrade_task_guards SET guard_policies = (SELECT MIN(a.policies) FROM audit_records a
                                                 WHERE a.task = upgrade_task_guards.task
                                                 AND a.created_at = upgrade_task_guards.guard_at
                                                 AND a.policies LIKE '%task-guard: %');
UPDATE task_totals SET guard_at = (SELECT u.guard_at FROM upgrade_task_guards u WHERE u.task = task_totals.task),
                       guard_policies = (SELECT u.guard_policies FROM upgrade_task_guards u
                                         WHERE u.task = task_totals.task);
DROP TABLE upgrade_task_guards;
