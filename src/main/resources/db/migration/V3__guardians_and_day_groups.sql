-- Guardians and same-day reminders: a message may go to a guardian of the patient instead
-- of (or as well as) the patient, and a recipient's reminders for appointments on the same day go
-- out as one message that lists them.
alter table planned_message add column guardian varchar(200);
alter table planned_message add column group_key varchar(400);
create index planned_message_group on planned_message (group_key, status);
