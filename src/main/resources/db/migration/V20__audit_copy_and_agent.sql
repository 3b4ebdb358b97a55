-- The audit trail's optional copy to the EHR (careloop.audit.copy-to-ehr): when each entry was
-- written there as an AuditEvent; null while it is not (or the copy is off). The copy job reads the
-- oldest entries not copied yet, a batch at a time.
alter table audit_event add column copied_to_ehr_at timestamp with time zone;
create index ix_audit_event_copy on audit_event (copied_to_ehr_at, recorded_at, id);

-- Who acted: CareLoop itself (its writes to the EHR, its plans), or a caller of the façade. Until
-- now only CareLoop created or updated anything; a caller's attempted write is recorded too now,
-- as a refusal by that caller.
alter table audit_event add column by_careloop boolean default false not null;
update audit_event set by_careloop = true where interaction in ('create', 'update');
