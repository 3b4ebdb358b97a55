-- CareLoop's audit trail (docs/security.md, "Audit trail"): every Communication and Task it writes
-- to the EHR and every request to its façade, as IHE's Basic Audit Log Patterns shape them. Ids,
-- codes and times only: never a name, a phone number, message text or a search's values.
-- Kept for careloop.audit.retention (six years by default), then purged.
create table audit_event (
  id            varchar(36)  primary key,
  recorded_at   timestamp with time zone not null,
  -- the FHIR interaction: create, read, search-type, operation
  interaction   varchar(16)  not null,
  resource_type varchar(64),
  -- the operation's name ($preview, $sync, $replay) for an operation
  operation     varchar(64),
  -- AuditEvent.outcome: 0 success, 4 minor failure (a refusal), 8 serious failure
  outcome       varchar(2)   not null,
  -- the façade client's id from its token; null for CareLoop's own writes and for callers without a valid token
  client_id     varchar(255)
);
-- The resources an entry concerns, in order; patient marks the Patient it is about (role Patient).
create table audit_entity (
  audit_event_id varchar(36)  not null references audit_event (id) on delete cascade,
  position       integer      not null,
  reference      varchar(512) not null,
  patient        boolean      not null,
  primary key (audit_event_id, position)
);
-- The façade's searches (by date, by client and date, by patient) and the purge (by date).
create index ix_audit_event_recorded on audit_event (recorded_at, id);
create index ix_audit_event_client on audit_event (client_id, recorded_at);
create index ix_audit_entity_patient on audit_entity (reference, patient, audit_event_id);
