package health.careloop.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Says in the façade's CapabilityStatement how to get in: {@code rest.security} with the service
 * {@code SMART-on-FHIR} and the {@code oauth-uris} extension naming the token endpoint, as SMART App
 * Launch asks of a server (the same as {@code /.well-known/smart-configuration} says).
 */
@Interceptor
public class SmartCapabilities {

  static final String SERVICE_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";
  static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

  private final SecurityProperties security;

  public SmartCapabilities(SecurityProperties security) {
    this.security = security;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void describeSecurity(IBaseConformance generated) {
    CapabilityStatement capabilities = (CapabilityStatement) generated;
    CapabilityStatement.CapabilityStatementRestSecurityComponent rest = capabilities.getRestFirstRep().getSecurity();
    rest.setCors(false);
    rest.addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(SERVICE_SYSTEM,
        "SMART-on-FHIR", "SMART-on-FHIR")).setText("OAuth 2.0 bearer tokens with SMART v2 scopes"));
    rest.setDescription("A bearer JWT from " + security.issuerUri() + " (client_credentials) with the SMART "
        + "scopes of each interaction: see /fhir/.well-known/smart-configuration; metadata is open");
    Extension uris = rest.addExtension().setUrl(OAUTH_URIS);
    uris.addExtension("token", new UriType(security.tokenEndpoint().toString()));
  }
}
