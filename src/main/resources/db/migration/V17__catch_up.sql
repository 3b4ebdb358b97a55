-- The last catch-up search of each resource type that failed (the EHR unreachable, or an error
-- answer), for every replica's health: a failure later than the type's caught_up_at means the EHR
-- has not been searched successfully since. problem holds the HTTP status and issue code or the
-- kind of failure, never the EHR's text (it may quote a resource).
create table catch_up_failure (
  resource_type varchar(64)  primary key,
  failed_at     timestamp with time zone not null,
  problem       varchar(200) not null
);

