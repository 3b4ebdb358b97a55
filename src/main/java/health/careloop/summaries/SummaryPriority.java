package health.careloop.summaries;

/** How soon a clinician should read a summary: {@code urgent} when anything in it is overdue (FHIR request-priority). */
public enum SummaryPriority {
  ROUTINE("routine"),
  URGENT("urgent");

  private final String code;

  SummaryPriority(String code) {
    this.code = code;
  }

  /** The code of FHIR's request-priority value set. */
  public String code() {
    return code;
  }
}
