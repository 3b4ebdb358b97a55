-- Topic-based Subscriptions (Subscriptions Backport IG): the highest event number heard from each of
-- the EHR's Subscriptions, and when and how it was last heard from. A number skipped, or a number
-- that starts again (the EHR's counter reset), makes CareLoop catch up by search. Ids, numbers and
-- times only: nothing about a patient.
create table topic_event_number (
  subscription      varchar(255) primary key,
  last_event_number bigint       not null,
  last_type         varchar(32)  not null,
  heard_at          timestamp with time zone not null
);
