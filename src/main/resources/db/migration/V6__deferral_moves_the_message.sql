-- A message deferred at send time (quiet hours, or its group's other message went first) stays one
-- planned message whose due time moves. Each move hands it to a new dispatch job, whose id carries
-- this count (PlannedMessage.jobId), so the job that deferred it can end without touching the new one.
alter table planned_message add column deferrals int default 0 not null;
