package health.careloop.writeback;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Communication;
import org.springframework.stereotype.Component;

/**
 * Writes Communications with a conditional create on their deterministic identifier: a retry, a
 * crash-and-replay or a second replica finds the one already there instead of making another.
 * Each write, taken or not, is in the audit trail ({@link AuditedWrite}).
 */
@Component
public class CommunicationWriter {

  private final IGenericClient ehr;
  private final ProfileCheck profileCheck;
  private final AuditedWrite audited;

  CommunicationWriter(IGenericClient ehr, ProfileCheck profileCheck, AuditedWrite audited) {
    this.ehr = ehr;
    this.profileCheck = profileCheck;
    this.audited = audited;
  }

  /** @return the Communication's versionless relative id, e.g. {@code Communication/123} */
  public String write(Communication communication) {
    return audited.write(communication, communication.getSubject(), () -> {
      profileCheck.check(communication);
      return ConditionalCreate.byMessageKey(ehr, communication, communication.getIdentifierFirstRep().getValue(),
          Communication.IDENTIFIER);
    });
  }
}
