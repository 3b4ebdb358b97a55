-- The resource an EHR notification delivered is personal health data: CareLoop keeps it only until
-- the notification is processed and a retention has passed (careloop.inbox.payload-retention), then
-- the payload is purged. The row stays: its (type, id, version) and fingerprint still recognise the
-- same delivery again as a duplicate, and its outcome says what became of it.
alter table inbox_event alter column payload drop not null;
alter table inbox_event add column payload_purged_at timestamp with time zone;
-- The purge looks for rows not purged yet, processed before a cutoff.
create index ix_inbox_event_payload_purge on inbox_event (payload_purged_at, processed_at);
