-- The repeat budget of clinician summaries and digests (careloop.summaries.repeat-after): which open
-- item (Task/…, ServiceRequest/…) CareLoop told to which clinician, when, and whether it was overdue
-- then. A later summary or digest leaves out what the same clinician was told within the window.
-- One row per telling; rows older than the window are deleted when the clinician is told again.
-- Written for both H2 (MODE=PostgreSQL) and PostgreSQL.
create table told_item (
  id          varchar(36)  primary key,
  recipient   varchar(128) not null,
  item_ref    varchar(160) not null,
  overdue     boolean      not null,
  told_at     timestamp with time zone not null,
  -- The message that told it: a summary's message key or a digest's identifier.
  message_key varchar(500) not null
);
create index ix_told_item_recipient_told on told_item (recipient, told_at);

-- The newest version of each Encounter the clinician summaries were planned from: an older version
-- that arrives late (after a newer one, say entered-in-error) must not plan a summary again. Kept
-- apart from encounter_state (the follow-ups'), so that neither feature depends on the other's
-- listener running first.
create table encounter_summary_version (
  encounter_id varchar(64) primary key,
  version_id   varchar(64) not null,
  last_updated timestamp with time zone,
  updated_at   timestamp with time zone not null
);
