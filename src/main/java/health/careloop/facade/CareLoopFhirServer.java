package health.careloop.facade;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;

/**
 * CareLoop's FHIR endpoint at {@code /fhir}: the EHR's Subscription deliveries arrive here (intake),
 * and integrators' calls will (façade). Every error leaves as an OperationOutcome; that is
 * HAPI's behaviour for the exceptions thrown by providers and interceptors.
 */
public class CareLoopFhirServer extends RestfulServer {

  private final transient List<IResourceProvider> providers;
  private final transient List<Object> interceptors;

  public CareLoopFhirServer(FhirContext fhirContext, List<IResourceProvider> providers, List<Object> interceptors) {
    super(fhirContext);
    this.providers = providers;
    this.interceptors = interceptors;
  }

  @Override
  protected void initialize() {
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setResourceProviders(providers);
    interceptors.forEach(this::registerInterceptor);
  }
}
