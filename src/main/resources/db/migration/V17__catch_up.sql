-- The last catch-up search of each resource type that failed (the EHR unreachable, or an error
-- answer), for every replica's health: a failure later than the type's caught_up_at means the EHR
-- has not been searched successfully since. problem holds the HTTP status and issue code or the
-- kind of failure, never the EHR's text (it may quote a resource).
create table catch_up_failure (
  resource_type varchar(64)  primary key,
  failed_at     timestamp with time zone not null,
  problem       varchar(200) not null
);

-- Whether an inbox event was found by a catch-up search (or the first start's backfill) rather
-- than notified: the messages planned from it that are due at once are spread out
-- (careloop.catch-up.max-sends-per-minute), a notification's never.
alter table inbox_event add column caught_up boolean default false not null;

-- The last due time given to a spread-out message: the next one is due no sooner than one
-- interval after it. One row, locked by the planning transaction that takes the next slot.
create table message_pacing (
  name        varchar(32) primary key,
  last_due_at timestamp with time zone
);
insert into message_pacing (name) values ('caught-up');
