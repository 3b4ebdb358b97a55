package health.careloop.facade;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.ehr.EhrReferences;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.PlannedMessageBulkReplay.BulkReplay;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.ReplaySelection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The type-level {@code CommunicationRequest/$replay}'s parameters, as a {@link ReplaySelection},
 * and its answer. Anything it cannot use is a 400 naming the parameter ({@code CL-2051}).
 */
final class BulkReplayParameters {

  static final int DEFAULT_COUNT = 100;
  private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private BulkReplayParameters() {}

  /**
   * @param states {@code parked}, {@code failed}; none: both
   * @param category a message kind's code, or null for any
   * @param patient {@code Patient/<id>}, {@code <id>} or the EHR's absolute URL of the Patient (as the
   *     search's {@code patient}), or null for anyone
   * @param since parked or failed at or after this, or null for whenever
   * @param count at most this many, null for {@value #DEFAULT_COUNT}
   */
  static ReplaySelection selection(List<CodeType> states, CodeType category, StringType patient,
      DateTimeType since, IntegerType count, EhrReferences ehr) {
    Set<PlannedMessageStatus> statuses = EnumSet.noneOf(PlannedMessageStatus.class);
    for (CodeType state : states == null ? List.<CodeType>of() : states) {
      statuses.add(switch (String.valueOf(state.getValue())) {
        case "parked" -> PlannedMessageStatus.PARKED;
        case "failed" -> PlannedMessageStatus.FAILED;
        default -> throw invalid("state must be parked or failed");
      });
    }
    if (statuses.isEmpty()) {
      statuses = EnumSet.of(PlannedMessageStatus.PARKED, PlannedMessageStatus.FAILED);
    }
    int limit = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
    if (limit < 1 || limit > ReplaySelection.MAXIMUM_LIMIT) {
      throw invalid("_count must be 1 to " + ReplaySelection.MAXIMUM_LIMIT);
    }
    return new ReplaySelection(statuses, kind(category), patientId(patient, ehr),
        Optional.ofNullable(since).map(DateTimeType::getValue).map(java.util.Date::toInstant), limit);
  }

  /** {@code replayed} and {@code remaining} counts, and a {@code request} reference per message replayed. */
  static Parameters answer(BulkReplay replay) {
    Parameters answer = new Parameters();
    answer.addParameter("replayed", new IntegerType(replay.replayed().size()));
    answer.addParameter("remaining", new IntegerType((int) Math.min(replay.remaining(), Integer.MAX_VALUE)));
    replay.replayed().forEach(m -> answer.addParameter().setName("request")
        .setValue(new Reference("CommunicationRequest/" + m.id())));
    return answer;
  }

  private static Optional<String> kind(CodeType category) {
    if (category == null || category.getValue() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MessageKind.fromCode(category.getValue()).code());
    } catch (IllegalArgumentException unknown) {
      throw invalid("category is not one of CareLoop's message kinds");
    }
  }

  private static Optional<String> patientId(StringType patient, EhrReferences ehr) {
    if (patient == null || patient.getValue() == null) {
      return Optional.empty();
    }
    String value = patient.getValue();
    String relative = ehr.relativeInEhr(value.contains("/") ? value : "Patient/" + value);
    if (relative == null || !relative.startsWith("Patient/") || !FHIR_ID.matcher(relative.substring("Patient/".length())).matches()) {
      throw invalid("patient must be Patient/<id>, <id> or " + ehr.base() + "/Patient/<id>");
    }
    return Optional.of(relative.substring("Patient/".length()));
  }

  private static InvalidRequestException invalid(String what) {
    return new InvalidRequestException("CL-2051: $replay: " + what);
  }
}
