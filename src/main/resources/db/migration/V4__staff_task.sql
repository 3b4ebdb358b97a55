-- A message for a patient CareLoop cannot reach (no usable telecom, no patient portal)
-- becomes a Task for staff in the EHR; the plan keeps its id (status HANDED_TO_STAFF).
-- Written for both H2 (MODE=PostgreSQL) and PostgreSQL.
alter table planned_message add column task_id varchar(128);
