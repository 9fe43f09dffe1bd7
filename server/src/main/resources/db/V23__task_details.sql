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

-- The tasks already in the audit (TaskRollup.Sums: the least human-turn intent, the newest guard note).
INSERT INTO task_models (task, model)
SELECT DISTINCT task, served_model FROM audit_records WHERE task IS NOT NULL AND served_model IS NOT NULL;

UPDATE task_totals SET intent = (SELECT MIN(a.intent) FROM audit_records a WHERE a.task = task_totals.task
                                 AND a.turn = 0);

UPDATE task_totals SET guard_at = (SELECT MAX(a.created_at) FROM audit_records a WHERE a.task = task_totals.task
                                   AND a.policies LIKE '%task-guard: %');

UPDATE task_totals SET guard_policies = (SELECT MIN(a.policies) FROM audit_records a WHERE a.task = task_totals.task
                                         AND a.created_at = task_totals.guard_at AND a.policies LIKE '%task-guard: %')
WHERE guard_at IS NOT NULL;
