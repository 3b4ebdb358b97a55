-- An EHR whose history was reset or restored from a backup sends (type, id, version)s CareLoop has
-- seen, with another lastUpdated or other content: that is the EHR's present state, stored next to
-- the version seen before. What stays unique is one delivery: the same version with the same
-- lastUpdated and content (its fingerprint), as HAPI's retries or two EHR nodes may send at once.
-- Rows stored before have no fingerprint (null: never equal); CareLoop works theirs out from the payload.
alter table inbox_event drop constraint uq_inbox_event_version;
alter table inbox_event add column fingerprint varchar(64);
alter table inbox_event add column rewrites_version boolean default false not null;
alter table inbox_event add constraint uq_inbox_event_delivery
  unique (resource_type, resource_id, version_id, fingerprint);
