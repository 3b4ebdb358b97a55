-- How far CareLoop has caught up with the EHR, per resource type: the greatest meta.lastUpdated of
-- the resources a catch-up search has stored in the inbox (or, after the first start's backfill, the
-- time that search began). The next catch-up searches from there, less an overlap.
create table catch_up_watermark (
  resource_type varchar(64) primary key,
  watermark     timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);
