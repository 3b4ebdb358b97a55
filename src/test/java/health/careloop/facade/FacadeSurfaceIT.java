package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.support.CareLoopInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The integrators' base ({@code /fhir}) offers what integrators may do and says exactly that:
 * CommunicationRequest read and search and {@code $replay} (of a parked or failed message),
 * {@code Appointment/$preview}, {@code $sync}. The EHR's
 * notifications have a base of their own ({@code /hook}): nothing here takes an Appointment or an
 * Encounter, whoever sends it and whatever secret it carries. No EHR is needed for that.
 */
class FacadeSurfaceIT {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void capabilityStatement_offersCommunicationRequestReadAndSearch_previewAndSync_andNoUpdateOfAnything() {
    CapabilityStatement capabilities = careLoop.clientFor(careLoop.fhirBaseUrl()).capabilities()
        .ofType(CapabilityStatement.class).execute();
    List<CapabilityStatementRestResourceComponent> resources = capabilities.getRestFirstRep().getResource();

    assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType)
        .as("OperationDefinition: HAPI's own, for the definitions of the server's operations")
        .containsExactlyInAnyOrder("CommunicationRequest", "Task", "AuditEvent", "Appointment", "Encounter",
            "OperationDefinition");
    assertThat(interactions(resources, "CommunicationRequest")).containsExactlyInAnyOrder("read", "search-type");
    assertThat(resource(resources, "CommunicationRequest").getOperation()).extracting(o -> o.getName())
        .as("a parked or failed message sent again").containsExactly("replay");
    assertThat(interactions(resources, "Task")).as("the referral Tasks").containsExactlyInAnyOrder("read", "search-type");
    assertThat(interactions(resources, "AuditEvent")).as("the audit trail").containsExactlyInAnyOrder("read", "search-type");
    assertThat(resource(resources, "AuditEvent").getSearchParam()).extracting(p -> p.getName())
        .contains("patient", "date", "agent");
    assertThat(interactions(resources, "Appointment")).as("Appointment: $preview only").isEmpty();
    assertThat(resource(resources, "Appointment").getOperation()).extracting(o -> o.getName()).containsExactly("preview");
    assertThat(interactions(resources, "Encounter")).as("Encounter: $preview only").isEmpty();
    assertThat(resource(resources, "Encounter").getOperation()).extracting(o -> o.getName()).containsExactly("preview");
    assertThat(resources).flatExtracting(CapabilityStatementRestResourceComponent::getInteraction)
        .extracting(i -> i.getCode().toCode()).doesNotContain("update", "create", "patch", "delete");
    assertThat(capabilities.getRestFirstRep().getOperation()).extracting(o -> o.getName()).containsExactly("sync");
    assertThat(capabilities.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
        .doesNotContain("transaction", "batch");
  }

  @Test
  void aNotificationSentHere_evenWithTheSubscriptionSecret_isA4xxOperationOutcome_andNothingIsStored() throws Exception {
    // The secret opens nothing here (401); an integrator's token with every scope reaches the server,
    // which has no such interaction (4xx too).
    for (String authorization : List.of("Bearer " + CareLoopInstance.SECRET, careLoop.facadeAuthorization())) {
      for (String type : List.of("Appointment", "Encounter")) {
        String body = "{\"resourceType\":\"" + type + "\",\"id\":\"x1\",\"meta\":{\"versionId\":\"1\"}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + "/" + type + "/x1"))
            .header("Content-Type", "application/fhir+json")
            .header("Authorization", authorization)
            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(type + ": " + response.body()).isBetween(400, 499);
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssue()).isNotEmpty();
      }
    }
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject("select count(*) from inbox_event", Integer.class)).isZero();
  }

  private static List<String> interactions(List<CapabilityStatementRestResourceComponent> resources, String type) {
    return resource(resources, type).getInteraction().stream().map(ResourceInteractionComponent::getCode)
        .map(code -> code.toCode()).toList();
  }

  private static CapabilityStatementRestResourceComponent resource(List<CapabilityStatementRestResourceComponent> resources,
      String type) {
    return resources.stream().filter(r -> r.getType().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in the CapabilityStatement"));
  }
}
