-- When CareLoop last received a notification of each resource type from the EHR (any replica): a
-- Subscription silent for long while the EHR changes has stopped delivering.
create table notification_received (
  resource_type    varchar(64) primary key,
  last_received_at timestamp with time zone not null
);

-- The time the last complete catch-up of a type began: everything the EHR changed before then
-- (less the overlap) is in the inbox, even when nothing changed and the watermark stood still.
alter table catch_up_watermark add column caught_up_at timestamp with time zone;

-- The last supervision of the EHR link, written by the replica that ran it and read by every
-- replica's health. Ids, statuses and counts only: nothing about a patient.
-- Each of CareLoop's Subscriptions as the last check found it, and what it did about it.
create table subscription_check (
  code            varchar(32)  primary key,
  resource_type   varchar(64)  not null,
  subscription_id varchar(64),
  status_found    varchar(16)  not null,
  repair          varchar(16)  not null,
  checked_at      timestamp with time zone not null
);
-- The EHR's reachability ('ehr') and each type's silence ('silence:<type>'): since_at is, for a
-- silence, the time it is measured from (last notification, a repair, or the first look).
create table ehr_link_check (
  name       varchar(64)  primary key,
  checked_at timestamp with time zone not null,
  state      varchar(32)  not null,
  detail     varchar(500),
  since_at   timestamp with time zone
);

-- The backlog that health and metrics count often: pending inbox events, due planned messages.
create index ix_inbox_event_outcome on inbox_event (outcome);
create index ix_planned_message_status_due on planned_message (status, due_at);
