package health.careloop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MedlinePlus Connect links switched on, end to end against the sandbox EHR with the shipped library
 * and texts: a diagnosis no item covers gets one follow-up whose text carries the link for its code,
 * in the patient's language (Spanish here). Switched off (the default), see
 * {@code FollowUpIT#aDiagnosisNoItemCovers_getsNothing_whileMedlinePlusConnectIsOff}.
 */
class MedlinePlusConnectIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr,
      Map.of("careloop.followup.medlineplus-connect.enabled", "true"));

  @Test
  void aDiagnosisNoItemCovers_getsOneFollowUp_withTheMedlinePlusLinkForItsCode_inSpanish() {
    String patient = fixtures.patient("Lucía", "es-MX", "America/Mexico_City");
    Instant end = careLoop.clock().instant().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    String appendicitis = fixtures.condition(patient, ICD_10_CM, "K35.80");
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", end, appendicitis));

    Await.until("the link is planned", WAIT, () -> contents(visit).size() == 1);
    assertThat(contents(visit)).containsExactly(
        "https://careloop.health/fhir/medlineplus-connect/2.16.840.1.113883.6.90/K35.80#medlineplus");

    careLoop.advanceClockTo(end.plus(Duration.ofHours(4)).plusSeconds(1));
    Await.until("the follow-up is in the EHR", WAIT,
        () -> fixtures.communicationsFor(patient, "followup-content").size() == 1);
    Communication sent = fixtures.communicationsFor(patient, "followup-content").get(0);
    assertThat(sent.getLanguage()).isEqualTo("es");
    assertThat(sent.getPayloadFirstRep().getContentStringType().getValue()).contains(
        "https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90"
            + "&mainSearchCriteria.v.c=K35.80&informationRecipient.languageCode.c=es");
    assertThat(CareLoopProfileValidator.get().errors(sent)).isEmpty();
  }

  private static List<String> contents(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).queryForList(
        "select content from planned_message where encounter_id = ? and kind = 'followup-content'", String.class,
        encounterId);
  }
}
