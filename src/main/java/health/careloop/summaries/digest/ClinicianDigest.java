package health.careloop.summaries.digest;

import health.careloop.summaries.ClinicianSummary;
import health.careloop.summaries.SummaryContent;
import health.careloop.summaries.SummaryPriority;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of a clinician's daily digest: every patient of the day in appointment order, each with
 * the very text the clinician summary gives for their open work ({@link ClinicianSummary}), so that
 * the two never disagree. Every patient of the day is listed, also one without open work, so a
 * patient missing from the digest is a patient missing from the clinician's day, not one left out.
 * Pure; times in the clinic's time zone; English, as the summary.
 *
 * <p>A day on which none of the clinician's patients has open work gets no digest, unless
 * {@code careloop.summaries.digest.write-when-empty}.
 */
public final class ClinicianDigest {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private final ZoneId zone;
  private final boolean writeWhenEmpty;

  public ClinicianDigest(ZoneId zone, boolean writeWhenEmpty) {
    this.zone = zone;
    this.writeWhenEmpty = writeWhenEmpty;
  }

  /**
   * {@code Digest/<clinician>/<yyyy-mm-dd>}: one digest per clinician and clinic day, however many
   * replicas or runs write it.
   */
  public static String messageKey(String clinician, LocalDate day) {
    return "Digest/" + clinician + "/" + day;
  }

  /**
   * A patient of the day and what the clinician summary says of their open work.
   *
   * @param summary the summary's content for the patient, written also when there is no work
   * @param hasWork whether the patient has open work ({@code OpenWork#hasWork})
   */
  public record PatientWork(DigestPatient patient, SummaryContent summary, boolean hasWork) {}

  /** @param patients the clinician's list for the day, in appointment order ({@link DayLists}) */
  public Optional<SummaryContent> write(LocalDate day, List<PatientWork> patients) {
    long withWork = patients.stream().filter(PatientWork::hasWork).count();
    if (patients.isEmpty() || (withWork == 0 && !writeWhenEmpty)) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder("Your patients on ").append(DAY.format(day)).append(", in appointment order: ")
        .append(patients.size()).append(", ").append(withWork).append(" with open work.");
    Set<String> about = new LinkedHashSet<>();
    for (PatientWork entry : patients) {
      DigestPatient patient = entry.patient();
      patient.appointments().forEach(a -> about.add(a.appointment()));
      text.append("\n\n").append(times(patient)).append(' ')
          .append(patient.display() == null ? "" : ClinicianSummary.display(patient.display()) + " ")
          .append('[').append(patient.patient()).append(']')
          .append('\n').append(entry.summary().text());
      about.addAll(entry.summary().about());
    }
    boolean urgent = patients.stream().anyMatch(p -> p.summary().priority() == SummaryPriority.URGENT);
    return Optional.of(new SummaryContent(text.toString(), urgent ? SummaryPriority.URGENT : SummaryPriority.ROUTINE,
        new ArrayList<>(about)));
  }

  private String times(DigestPatient patient) {
    return patient.appointments().stream().map(a -> TIME.format(a.start().atZone(zone)))
        .collect(Collectors.joining(", "));
  }
}
