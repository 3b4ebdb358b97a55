package health.careloop.schedule;

/** The kinds of durable background work. Each is a db-scheduler task of the same name. */
public enum WorkKind {
  /** Turn an accepted EHR notification into plans (intake → features). */
  PROCESS_INBOX_EVENT("process-inbox-event"),
  /**
   * Turn the notifications accepted together (a batch of the hook's concurrent deliveries, a part of
   * a catch-up's page) into plans, one after the other (intake → features). The job's id names
   * their inbox events; one of them that fails goes on as a {@link #PROCESS_INBOX_EVENT} of its own.
   */
  PROCESS_INBOX_BATCH("process-inbox-batch"),
  /**
   * Send one planned message (schedule → write-back). The job's id names the planned message, and
   * a new job takes over each time the message's due time is moved at send time.
   */
  DISPATCH_MESSAGE("dispatch-message"),
  /**
   * Look again for a Patient the EHR did not have when its Appointment was planned, and plan their
   * messages once it does (reminders); a {@link WaitHandler}'s work (see {@link DeferredWork#await}).
   */
  PLAN_LATE_PATIENT("plan-late-patient"),
  /**
   * Search the EHR for changes its notifications may have missed (intake); a {@link RecurringWork},
   * brought forward at start-up ({@link DeferredWork#runNow}).
   */
  CATCH_UP("catch-up"),
  /**
   * Look for referrals left unbooked too long and give each one Task for the booking team, and
   * close the Tasks of those booked or withdrawn since (summaries.referrals); a {@link RecurringWork}
   * on a daily time or an interval.
   */
  REFERRAL_SWEEP("referral-sweep"),
  /**
   * Close CareLoop's Task for one referral now that an Appointment based on it is booked
   * (summaries.referrals): the EHR write, outside the inbox transaction that heard of the booking.
   * The job's id is the ServiceRequest's id.
   */
  CLOSE_REFERRAL_TASK("close-referral-task"),
  /**
   * Write each clinician with appointments today their digest of the day's patients' open work
   * (summaries.digest); a {@link RecurringWork} at a daily time.
   */
  CLINICIAN_DIGEST("clinician-digest"),
  /**
   * Read CareLoop's Subscriptions back from the EHR, repair what is wrong and notice one gone
   * silent, catching up after either (ehrlink); a {@link RecurringWork}.
   */
  SUPERVISE_SUBSCRIPTIONS("supervise-subscriptions"),
  /**
   * Purge the resources of processed inbox events older than the retention (intake); a
   * {@link RecurringWork} on an interval.
   */
  PURGE_INBOX_PAYLOADS("purge-inbox-payloads"),
  /**
   * Delete the audit entries older than the audit's retention (audit); a {@link RecurringWork} on
   * an interval.
   */
  PURGE_AUDIT("purge-audit"),
  /**
   * Copy the audit entries not copied yet to the EHR as AuditEvents, when
   * {@code careloop.audit.copy-to-ehr} is on (audit); a {@link RecurringWork} on an interval.
   */
  COPY_AUDIT_TO_EHR("copy-audit-to-ehr");

  private final String taskName;

  WorkKind(String taskName) {
    this.taskName = taskName;
  }

  public String taskName() {
    return taskName;
  }
}
