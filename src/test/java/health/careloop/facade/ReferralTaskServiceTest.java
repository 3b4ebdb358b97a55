package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.ehr.EhrReferences;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.summaries.referrals.ReferralTaskQuery;
import health.careloop.summaries.referrals.ReferralTaskSearch;
import health.careloop.summaries.referrals.ReferralTaskView;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

class ReferralTaskServiceTest {

  private static final String EHR = "https://ehr.example.org/fhir";
  private static final Instant OPENED = Instant.parse("2026-12-01T07:00:00Z");

  /** The service's translation needs no database: a query that has nothing. */
  private static final ReferralTaskQuery NOTHING = new ReferralTaskQuery() {
    @Override
    public Optional<ReferralTaskView> byId(String id) {
      return Optional.empty();
    }

    @Override
    public Page search(ReferralTaskSearch search, int offset, int count) {
      return new Page(java.util.List.of(), 0);
    }
  };

  private final ReferralTaskService service = new ReferralTaskService(NOTHING, new EhrReferences(EHR));

  private static ReferenceAndListParam refs(String... anyOf) {
    ReferenceOrListParam or = new ReferenceOrListParam();
    for (String value : anyOf) {
      or.add(new ReferenceParam(value));
    }
    return new ReferenceAndListParam().addAnd(or);
  }

  private static TokenAndListParam statuses(String... anyOf) {
    TokenOrListParam or = new TokenOrListParam();
    for (String value : anyOf) {
      or.add(new TokenParam(value));
    }
    return new TokenAndListParam().addAnd(or);
  }

  private static DateAndListParam dates(String... andValues) {
    DateAndListParam and = new DateAndListParam();
    for (String value : andValues) {
      and.addAnd(new DateOrListParam().add(new DateParam(value)));
    }
    return and;
  }

  @Test
  void toSearch_readsStatusPatientFocusAndLastUpdated() {
    ReferralTaskSearch search = service.toSearch(statuses("requested", "completed"), refs("Patient/p1", EHR + "/Patient/p2"),
        refs("ServiceRequest/r1", "r2"), dates("ge2026-12-01", "lt2026-12-08T09:00:00Z"));

    assertThat(search.statuses()).containsExactlyInAnyOrder("requested", "completed");
    assertThat(search.patientIds()).containsExactlyInAnyOrder("p1", "p2");
    assertThat(search.referralIds()).containsExactlyInAnyOrder("r1", "r2");
    assertThat(search.updatedFrom()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(search.updatedBefore()).isEqualTo(Instant.parse("2026-12-08T09:00:00Z"));
  }

  @Test
  void toSearch_aReferenceToAnotherServer_matchesNothing() {
    assertThat(service.toSearch(null, refs("https://other.example.org/fhir/Patient/p1"), null, null).patientIds()).isEmpty();
  }

  @Test
  void toSearch_refusesAnUnknownStatus_aFocusThatIsNoReferral_andADateRangeInOneValue() {
    assertThatThrownBy(() -> service.toSearch(statuses("booked"), null, null, null))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-2040");
    assertThatThrownBy(() -> service.toSearch(null, null, refs("Appointment/a1"), null))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-2005: focus");
    DateAndListParam two = new DateAndListParam().addAnd(
        new DateOrListParam().add(new DateParam("2026-12-08")).add(new DateParam("2026-12-09")));
    assertThatThrownBy(() -> service.toSearch(null, null, null, two))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-2004: _lastUpdated");
  }

  @Test
  void toTask_isCareLoopsTaskWithTheStatusItKnows_referencesIntoTheEhr_andConforms() {
    ReferralTaskView closed = new ReferralTaskView("id-1", "r1", "p1", "Task/77", null, "CareTeam/7",
        "Referral not booked after 3 days", "completed", "An appointment based on the referral is booked", OPENED,
        OPENED.plusSeconds(3600), OPENED.plusSeconds(3600));

    Task task = service.toTask(closed);

    assertThat(task.getIdElement().getIdPart()).isEqualTo("id-1");
    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(task.getStatusReason().getText()).isEqualTo("An appointment based on the referral is booked");
    assertThat(task.getFocus().getReference()).isEqualTo(EHR + "/ServiceRequest/r1");
    assertThat(task.getFor().getReference()).isEqualTo(EHR + "/Patient/p1");
    assertThat(task.getOwner().getReference()).isEqualTo(EHR + "/CareTeam/7");
    assertThat(task.getIdentifierFirstRep().getValue()).isEqualTo("ServiceRequest/r1");
    assertThat(task.getMeta().getLastUpdated().toInstant()).isEqualTo(OPENED.plusSeconds(3600));
    CareLoopProfileValidator.get().assertValid(task);
  }

  @Test
  void everyR4TaskStatus_isAValidSearchCode() {
    assertThat(ReferralTaskService.STATUS_CODES).contains("requested", "completed", "cancelled", "in-progress")
        .hasSize(Set.of(Task.TaskStatus.values()).size() - 1);
  }
}
