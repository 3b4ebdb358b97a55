-- Follow-up messages after a visit are about an Encounter, not an Appointment: a planned message is
-- about exactly one of the two.
alter table planned_message alter column appointment_id drop not null;
alter table planned_message add column encounter_id varchar(64);
alter table planned_message add constraint ck_planned_message_about
  check ((appointment_id is null and encounter_id is not null) or (appointment_id is not null and encounter_id is null));
create index ix_planned_message_encounter on planned_message (encounter_id, status);

-- What a follow-up message says: the content library's item messages it is made of, one
-- "<item canonical>|<version>#<message id>" per line (the text itself is composed at send time, in
-- the recipient's language, from the library as it is then).
alter table planned_message add column content varchar(4000);
-- Made of content whose clinical review was not current when it was planned (a test deployment
-- that allows draft content): the Communication says so.
alter table planned_message add column draft_content boolean default false not null;

-- The newest version of each Encounter that follow-up plans were made from.
create table encounter_state (
  encounter_id varchar(64) primary key,
  version_id   varchar(64) not null,
  last_updated timestamp with time zone,
  status       varchar(32) not null,
  updated_at   timestamp with time zone not null
);
