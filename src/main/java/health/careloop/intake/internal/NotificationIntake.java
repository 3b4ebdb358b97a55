package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.ehr.EhrReferences;
import health.careloop.ehr.ParticipantReferences;
import health.careloop.intake.HookProperties;
import health.careloop.rules.ResourceVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the notification providers share: check that the delivery names a version, store it, and
 * answer with a small OperationOutcome (HAPI counts any FHIR body, or none, as success).
 */
@Component
class NotificationIntake {

  /** {@code "versionId": 3}: a key only FHIR's meta has, whose value must be a string. */
  private static final Pattern NUMERIC_VERSION_ID = Pattern.compile("\"versionId\"\\s*:\\s*-?[0-9]");

  private final Inbox inbox;
  private final HookGroupCommit groupCommit;
  private final boolean groupCommitEnabled;
  private final FhirContext fhirContext;
  private final EhrReferences ehr;
  private final NotificationsReceived received;

  NotificationIntake(Inbox inbox, HookGroupCommit groupCommit, HookProperties hook, FhirContext fhirContext,
      EhrReferences ehr, NotificationsReceived received) {
    this.inbox = inbox;
    this.groupCommit = groupCommit;
    this.groupCommitEnabled = hook.groupCommit().enabled();
    this.fhirContext = fhirContext;
    this.ehr = ehr;
    this.received = received;
  }

  MethodOutcome receive(IdType urlId, Resource resource) {
    return receive(urlId, resource, null);
  }

  /**
   * @param body the resource as the EHR sent it (JSON, already checked to be UTF-8 by the hook),
   *     stored as it is: encoding the parsed resource again cost as much as parsing it; null or
   *     empty: the resource is encoded
   */
  MethodOutcome receive(IdType urlId, Resource resource, byte[] body) {
    String type = resource.fhirType();
    // Whatever becomes of it, it shows that the EHR's Subscription for the type delivers.
    received.received(type);
    String id = urlId.getIdPart();
    String versionId = resource.getMeta().getVersionId() != null
        ? resource.getMeta().getVersionId()
        : urlId.getVersionIdPart();
    Notification notification = notification(urlId, resource, body, false);
    // Stored with the other deliveries arriving meanwhile, in one commit; a caller's own transaction,
    // if it has one, holds it alone (the committer's thread could not join it).
    Inbox.Acceptance acceptance = groupCommitEnabled && !TransactionSynchronizationManager.isActualTransactionActive()
        ? groupCommit.accept(notification) : inbox.accept(notification);
    String version = type + "/" + id + "/_history/" + versionId;
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
        .setDiagnostics(switch (acceptance) {
          case ACCEPTED -> "Accepted " + version;
          case REWRITTEN -> "Accepted " + version + ", received before with another lastUpdated or other content";
          case DUPLICATE -> "Already received " + version;
        });
    return new MethodOutcome(new IdType(type, id, versionId), outcome, false);
  }

  /**
   * One version of a resource a catch-up search found, as the inbox takes it from a notification:
   * the same version found both ways is one delivery (a duplicate). Marked as caught up: what it
   * plans to go out at once is spread out, never a notification's.
   *
   * @param id the resource's id; its version if the resource's meta names none
   * @throws InvalidRequestException if there is no id or version
   * @throws UnprocessableEntityException if an Appointment's participants cannot be read
   */
  Notification caughtUp(IdType id, Resource resource) {
    return notification(id, resource, null, true);
  }

  /** Stores what a catch-up found ({@link #caughtUp}) in one transaction: see {@link Inbox#acceptAll}. */
  List<Inbox.Stored> acceptAll(List<Notification> found) {
    return inbox.acceptAll(found);
  }

  private Notification notification(IdType urlId, Resource resource, byte[] body, boolean caughtUp) {
    String type = resource.fhirType();
    String id = urlId.getIdPart();
    if (id == null || id.isBlank()) {
      throw new InvalidRequestException("CL-1001: the notification URL names no " + type + " id");
    }
    if (resource.getIdElement().hasIdPart() && !id.equals(resource.getIdElement().getIdPart())) {
      throw new InvalidRequestException("CL-1004: the notification URL names " + type + "/" + id
          + " but its body is " + type + "/" + resource.getIdElement().getIdPart());
    }
    String versionId = resource.getMeta().getVersionId() != null
        ? resource.getMeta().getVersionId()
        : urlId.getVersionIdPart();
    if (versionId == null || versionId.isBlank()) {
      throw new InvalidRequestException("CL-1002: " + type + "/" + id
          + " carries no meta.versionId (and no If-Match version): CareLoop cannot order it");
    }
    if (resource instanceof Appointment appointment) {
      ParticipantReferences.problem(appointment, ehr).ifPresent(problem -> {
        throw new UnprocessableEntityException("CL-1003: " + type + "/" + id + ": " + problem);
      });
    }
    Instant lastUpdated = resource.getMeta().getLastUpdated() == null
        ? null : resource.getMeta().getLastUpdated().toInstant();
    String json = body != null && body.length > 0
        ? withoutByteOrderMark(new String(body, StandardCharsets.UTF_8))
        : fhirContext.newJsonParser().encodeResourceToString(resource);
    if (body != null && NUMERIC_VERSION_ID.matcher(json).find()) {
      // HAPI's parser takes a number here as if it were the string; the version orders what CareLoop
      // plans, so a sender this unsure of FHIR's JSON is refused, as for the other wrong types.
      throw new InvalidRequestException("CL-1117: meta.versionId is a JSON number; FHIR's JSON has it as a string");
    }
    return new Notification(type, id,
        new ResourceVersion(versionId, lastUpdated), json, DeliveryFingerprint.of(fhirContext, resource, lastUpdated),
        caughtUp);
  }

  /** HAPI's parser skips a leading byte order mark; the JSON stored to be parsed again may not. */
  private static String withoutByteOrderMark(String json) {
    return json.startsWith("\uFEFF") ? json.substring(1) : json;
  }
}
