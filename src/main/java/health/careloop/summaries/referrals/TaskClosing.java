package health.careloop.summaries.referrals;

/**
 * How CareLoop's open Task for a referral ends, and why (in plain words, without patient data: it
 * becomes the Task's {@code statusReason}).
 */
public record TaskClosing(Outcome outcome, String reason) {

  public enum Outcome {
    /** The referral is booked: what the Task asked for is done. */
    COMPLETED("completed"),
    /** The referral is withdrawn or over: there is nothing left to book. */
    CANCELLED("cancelled");

    private final String taskStatus;

    Outcome(String taskStatus) {
      this.taskStatus = taskStatus;
    }

    /** The FHIR Task.status code. */
    public String taskStatus() {
      return taskStatus;
    }
  }
}
