package health.careloop.followup;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One follow-up item of the content library (a FHIR {@code PlanDefinition} in
 * {@code config/content/items}), as CareLoop uses it.
 *
 * @param url the PlanDefinition's canonical URL
 * @param version its version
 * @param title its title, for staff
 * @param status {@code active} or {@code draft} (PlanDefinition.status)
 * @param approvalDate when it was first clinically approved
 * @param lastReviewDate when it was last clinically reviewed
 * @param nextReviewDate by when it must be reviewed again (effectivePeriod.end): after it, it is not current
 * @param reviewerRole the role of the clinician who reviewed it
 * @param patientPage the authoritative public page for patients the messages link to
 * @param matches the ValueSets that select it: a visit with a code in any of them
 * @param messages its messages, in due order
 */
public record ContentItem(String url, String version, String title, String status, LocalDate approvalDate,
    LocalDate lastReviewDate, LocalDate nextReviewDate, String reviewerRole, PatientPage patientPage,
    List<String> matches, List<ContentMessage> messages) {

  /** A page for patients: its URL and title. */
  public record PatientPage(String url, String title) {}

  public ContentItem {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(approvalDate, "approvalDate");
    Objects.requireNonNull(nextReviewDate, "nextReviewDate");
    Objects.requireNonNull(patientPage, "patientPage");
    matches = List.copyOf(matches);
    messages = List.copyOf(messages);
  }

  /**
   * Why this item's clinical review is not current on {@code today}, or empty when it is: it must be
   * active, approved on or before today and not past its next review date (a clinical safety control:
   * content nobody has checked recently may be out of date or wrong).
   */
  public Optional<String> notCurrentReason(LocalDate today) {
    if (!"active".equals(status)) {
      return Optional.of("status is " + status + ", not active");
    }
    if (today.isBefore(approvalDate)) {
      return Optional.of("not approved until " + approvalDate);
    }
    if (today.isAfter(nextReviewDate)) {
      return Optional.of("review overdue since " + nextReviewDate);
    }
    return Optional.empty();
  }
}
