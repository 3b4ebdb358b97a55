package health.careloop.intake.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** Receives the EHR's rest-hook deliveries for Encounters: {@code PUT /hook/Encounter/{id}}. */
@Component
public class EncounterNotificationProvider implements IResourceProvider {

  private final NotificationIntake intake;

  EncounterNotificationProvider(NotificationIntake intake) {
    this.intake = intake;
  }

  @Override
  public Class<Encounter> getResourceType() {
    return Encounter.class;
  }

  @Update
  public MethodOutcome notified(@IdParam IdType id, @ResourceParam Encounter encounter, RequestDetails request) {
    return intake.receive(id, encounter, request.loadRequestContents());
  }
}
