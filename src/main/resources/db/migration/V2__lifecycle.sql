-- Appointment lifecycle: what a "moved" notice needs, reminders sent only while the
-- patient has not confirmed, and the previous state needed to tell a move from an update.
alter table planned_message add column previous_start timestamp with time zone;
alter table planned_message add column only_if_unconfirmed boolean default false not null;

alter table appointment_state add column location_id varchar(64);
alter table appointment_state add column practitioner_ids varchar(1000);

-- How the EHR says the recipient prefers to be reached (sms, email, phone): for the channels to come.
alter table planned_message add column preferred_channel varchar(16);
