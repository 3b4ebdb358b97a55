-- CareLoop's Tasks for referrals left unbooked (summaries.referrals): one row per referral, ever,
-- written once its Task is in the EHR. A referral with a row never gets a second Task (a restart,
-- the next day's sweep, a second replica), and the façade lists the rows as Tasks.
-- Written for both H2 (MODE=PostgreSQL) and PostgreSQL.
create table referral_task (
  id            varchar(36)  primary key,
  referral_id   varchar(64)  not null,
  patient_id    varchar(64)  not null,
  task_id       varchar(128) not null,
  priority      varchar(16),
  owner_ref     varchar(128),
  description   varchar(200) not null,
  -- The FHIR Task.status as CareLoop last knew it: requested while open, then completed, cancelled
  -- (CareLoop closed it) or whatever staff had closed it with.
  status        varchar(32)  not null,
  status_reason varchar(500),
  opened_at     timestamp with time zone not null,
  closed_at     timestamp with time zone,
  updated_at    timestamp with time zone not null,
  constraint uq_referral_task_referral unique (referral_id)
);
create index ix_referral_task_status on referral_task (status);
create index ix_referral_task_patient on referral_task (patient_id);
create index ix_referral_task_updated on referral_task (updated_at);
