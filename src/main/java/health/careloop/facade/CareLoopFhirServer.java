package health.careloop.facade;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;

/**
 * CareLoop's FHIR endpoint for integrators at {@code /fhir}: CommunicationRequest read and search,
 * AuditEvent read and search (the audit trail),
 * {@code Appointment/$preview} and {@code $sync}, nothing else (the EHR's Subscription deliveries
 * arrive at a base of their own, intake's {@code /hook}). Every error leaves as an OperationOutcome;
 * that is HAPI's behaviour for the exceptions thrown by providers and interceptors.
 *
 * <p>No paging provider: searches page by {@code _offset}/{@code _count} (see
 * {@link CommunicationRequestService}), so a next link works on any replica and nothing is held in
 * memory between pages.
 */
public class CareLoopFhirServer extends RestfulServer {

  private final transient List<IResourceProvider> providers;
  private final transient List<FhirPlainProvider> plainProviders;
  private final transient List<Object> interceptors;

  public CareLoopFhirServer(FhirContext fhirContext, List<IResourceProvider> providers,
      List<FhirPlainProvider> plainProviders, List<Object> interceptors) {
    super(fhirContext);
    this.providers = providers;
    this.plainProviders = plainProviders;
    this.interceptors = interceptors;
  }

  @Override
  protected void initialize() {
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setImplementationDescription("CareLoop for integrators: planned messages, $preview, $sync, the audit trail");
    setResourceProviders(providers);
    registerProviders(plainProviders);
    interceptors.forEach(this::registerInterceptor);
  }
}
