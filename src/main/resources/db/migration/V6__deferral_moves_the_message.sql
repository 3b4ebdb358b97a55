-- A message deferred at send time (quiet hours; its group's other message went first) stays the one planned message whose due time moves;
-- each move gives it a new dispatch job, numbered by this count (PlannedMessage.jobId).
alter table planned_message add column deferrals int default 0 not null;
