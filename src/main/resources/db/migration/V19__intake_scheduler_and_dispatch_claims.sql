-- Intake's work (turning the EHR's notifications into plans) runs on a db-scheduler of its own,
-- with threads of its own, so that dispatches waiting on a slow EHR cannot hold it back. Its
-- executions live in this table, the same shape as scheduled_tasks: a scheduler fetches every due
-- execution of its table, and one of a task it does not run would be "unresolved" to it.
create table intake_scheduled_tasks (
  task_name            varchar(100)  not null,
  task_instance        varchar(200)  not null,
  task_data            bytea,
  execution_time       timestamp with time zone not null,
  picked               boolean       not null,
  picked_by            varchar(50),
  last_success         timestamp with time zone,
  last_failure         timestamp with time zone,
  consecutive_failures int,
  last_heartbeat       timestamp with time zone,
  version              bigint        not null,
  priority             smallint,
  primary key (task_name, task_instance)
);

create index ix_intake_scheduled_tasks_execution_time on intake_scheduled_tasks (execution_time);
create index ix_intake_scheduled_tasks_last_heartbeat on intake_scheduled_tasks (last_heartbeat);
create index ix_intake_scheduled_tasks_priority_execution_time on intake_scheduled_tasks (priority desc, execution_time asc);

-- Notifications accepted before the upgrade and not processed yet move with their retries' state.
insert into intake_scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by,
    last_success, last_failure, consecutive_failures, last_heartbeat, version, priority)
  select task_name, task_instance, task_data, execution_time, picked, picked_by,
    last_success, last_failure, consecutive_failures, last_heartbeat, version, priority
  from scheduled_tasks where task_name = 'process-inbox-event';
delete from scheduled_tasks where task_name = 'process-inbox-event';

-- A dispatch claims its message (and the pending messages of its group) in a short transaction,
-- sends it to the EHR outside any transaction, and records the outcome in another: the claim,
-- not a row lock held across the EHR's answer, keeps a replan from revoking a message while it
-- is being sent. claimed_by is the dispatch job; claimed_until bounds a claim its job never ends.
alter table planned_message add column claimed_by varchar(200);
alter table planned_message add column claimed_until timestamp with time zone;
