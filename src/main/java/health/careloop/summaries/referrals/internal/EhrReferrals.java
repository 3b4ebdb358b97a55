package health.careloop.summaries.referrals.internal;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.careloop.rules.AppointmentStatus;
import health.careloop.summaries.referrals.Referral;
import health.careloop.summaries.referrals.ReferralStatus;
import health.careloop.summaries.referrals.ReferralTaskRule;
import health.careloop.summaries.referrals.ReferralTaskTranslator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * What the referral sweep asks the EHR, and its one kind of update. Every search asks past the
 * EHR's search cache (HAPI answers a repeated search from it): a booking of a minute ago counts.
 */
@Component
class EhrReferrals {

  /** The booking statuses as an OR list of Appointment.status codes. */
  static final String BOOKING_STATUS_CODES = String.join(",",
      ReferralTaskRule.BOOKING_STATUSES.stream().map(AppointmentStatus::code).sorted().toList());

  private final IGenericClient ehr;

  EhrReferrals(IGenericClient ehr) {
    this.ehr = ehr;
  }

  /**
   * Every active ServiceRequest of these categories signed before {@code authoredBefore}, page by
   * page ({@code ServiceRequest?status=active&category=...&authored=lt...}, following next links).
   *
   * @param categories {@code system|code} or a bare code, as FHIR token search takes them
   */
  void eachOverdue(List<String> categories, Instant authoredBefore, int pageSize, Consumer<ServiceRequest> each) {
    Bundle page = ehr.search().forResource(ServiceRequest.class)
        .where(ServiceRequest.STATUS.exactly().code(ReferralStatus.ACTIVE.code()))
        .and(ServiceRequest.CATEGORY.exactly().codings(categories.stream().map(EhrReferrals::coding).toArray(Coding[]::new)))
        .and(ServiceRequest.AUTHORED.before().second(Date.from(authoredBefore)))
        .count(pageSize)
        .cacheControl(fresh())
        .returnBundle(Bundle.class).execute();
    while (true) {
      page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
          .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast)
          .forEach(each);
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return;
      }
      page = ehr.loadPage().next(page).execute();
    }
  }

  /** The referral as the EHR holds it now; empty when it has it no more (deleted, or never). */
  Optional<Referral> referral(String id) {
    try {
      return Optional.of(toReferral(ehr.read().resource(ServiceRequest.class).withId(id).cacheControl(fresh()).execute()));
    } catch (ResourceNotFoundException | ResourceGoneException gone) {
      return Optional.empty();
    }
  }

  /** Whether an Appointment based on the referral is booked (or the patient has come). */
  boolean booked(String referralId) {
    Bundle found = ehr.search().forResource(Appointment.class)
        .where(Appointment.BASED_ON.hasId("ServiceRequest/" + referralId))
        .and(Appointment.STATUS.exactly().codes(BOOKING_STATUS_CODES.split(",")))
        .count(1)
        .cacheControl(fresh())
        .returnBundle(Bundle.class).execute();
    return found.getEntry().stream().anyMatch(e -> e.getResource() instanceof Appointment);
  }

  /** CareLoop's Task for a referral, found by CareLoop's identifier: never a Task staff made. */
  Optional<Task> careLoopsTask(String referralId) {
    var ours = ReferralTaskTranslator.identifier(referralId);
    Bundle found = ehr.search().forResource(Task.class)
        .where(Task.IDENTIFIER.exactly().systemAndIdentifier(ours.getSystem(), ours.getValue()))
        .cacheControl(fresh())
        .returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(Task.class::isInstance).map(Task.class::cast)
        .filter(task -> ReferralTaskTranslator.isCareLoops(task, referralId))
        .findFirst();
  }

  /**
   * Writes the Task back on the version it was read at (If-Match): if staff changed it meanwhile
   * the EHR refuses (412) and the caller looks again, rather than undo what staff did.
   */
  void update(Task task) {
    IdType version = task.getIdElement().toUnqualified();
    ehr.update().resource(task).withId(version).execute();
  }

  static Referral toReferral(ServiceRequest request) {
    String patientId = request.getSubject().hasReference()
        && "Patient".equals(request.getSubject().getReferenceElement().getResourceType())
        ? request.getSubject().getReferenceElement().getIdPart() : null;
    return new Referral(request.getIdElement().getIdPart(), patientId,
        ReferralStatus.fromCode(request.hasStatus() ? request.getStatus().toCode() : null),
        request.hasAuthoredOn() ? request.getAuthoredOn().toInstant() : null);
  }

  /** The referral's priority code (routine, urgent, asap, stat); null when it has none. */
  static String priority(ServiceRequest request) {
    return request.hasPriority() ? request.getPriority().toCode() : null;
  }

  private static Coding coding(String systemAndCode) {
    int bar = systemAndCode.lastIndexOf('|');
    return bar < 0 ? new Coding(null, systemAndCode, null)
        : new Coding(systemAndCode.substring(0, bar), systemAndCode.substring(bar + 1), null);
  }

  private static CacheControlDirective fresh() {
    return new CacheControlDirective().setNoCache(true);
  }
}
