package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.apache.commons.lang3.RandomStringUtils;

/**
 * The EHR's way in, at {@code /hook}: the rest-hook deliveries of CareLoop's Subscriptions
 * ({@code PUT /hook/Appointment/{id}}, {@code PUT /hook/Encounter/{id}}) and nothing else. A base
 * of its own, apart from the integrators' {@code /fhir}, so that neither can reach what belongs to
 * the other and each CapabilityStatement says only what its callers may do. Every error leaves as an
 * OperationOutcome (HAPI's behaviour for the exceptions thrown by providers and interceptors).
 */
class HookServer extends RestfulServer {

  private final transient List<IResourceProvider> providers;
  private final transient List<Object> interceptors;

  HookServer(FhirContext fhirContext, List<IResourceProvider> providers, List<Object> interceptors) {
    super(fhirContext);
    this.providers = providers;
    this.interceptors = interceptors;
  }

  @Override
  protected void initialize() {
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setImplementationDescription("CareLoop: the EHR's Subscription notifications");
    setResourceProviders(providers);
    interceptors.forEach(this::registerInterceptor);
  }

  /**
   * The id HAPI gives each request (its X-Request-ID, when the EHR sends none) only ties the logs of
   * one delivery together; it is no secret. HAPI draws it from a SecureRandom all request threads
   * share, a cost every delivery paid for nothing.
   */
  @Override
  protected String newRequestId(int length) {
    return RandomStringUtils.insecure().nextAlphanumeric(length);
  }
}
