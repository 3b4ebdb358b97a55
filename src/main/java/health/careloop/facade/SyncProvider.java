package health.careloop.facade;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.intake.CatchUp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/$sync}: catch up with the EHR now, as the start-up and safety-net catch-ups do
 * (for an operator who knows notifications were lost, e.g. after the EHR's own outage). With
 * {@code since}, changes from then on are searched instead of from the watermark. Answers how many
 * resources were found and how many of them were new to CareLoop.
 *
 * <p>Needs the scope {@code careloop/sync} (docs/security.md). It only reads the EHR; what it stores
 * is what notifications would.
 */
@Component
class SyncProvider implements FhirPlainProvider {

  private final CatchUp catchUp;
  private final Clock clock;

  SyncProvider(CatchUp catchUp, Clock clock) {
    this.catchUp = catchUp;
    this.clock = clock;
  }

  @Operation(name = "$sync", idempotent = false)
  @Description(shortDefinition = "Search the EHR now for changes its notifications may have missed")
  public Parameters sync(
      @Description(shortDefinition = "Search changes from this instant on, instead of from CareLoop's watermark")
      @OperationParam(name = "since", min = 0, max = 1)
      InstantType since) {
    Optional<Instant> from = since == null ? Optional.empty() : Optional.of(checked(since));
    CatchUp.Result result = FromTheEhr.read("to catch up with it", "while CareLoop caught up with it",
        () -> catchUp.catchUp(from));
    Parameters out = new Parameters();
    out.addParameter().setName("found").setValue(new IntegerType(result.found()));
    out.addParameter().setName("accepted").setValue(new IntegerType(result.accepted()));
    return out;
  }

  private Instant checked(InstantType since) {
    if (since.getValue() == null) {
      throw new InvalidRequestException("CL-2030: the parameter since must be an instant, e.g. 2026-11-29T08:00:00Z");
    }
    Instant from = since.getValue().toInstant();
    if (from.isAfter(clock.instant())) {
      throw new InvalidRequestException("CL-2031: the parameter since is in the future: " + since.getValueAsString());
    }
    return from;
  }
}
