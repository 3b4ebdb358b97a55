package health.careloop.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patients the sandbox answers reads of with 404 Not Found although it holds them (see
 * {@link SandboxEhr#withholdPatient}). Searches are not affected: CareLoop reads Patients by id.
 */
@Interceptor
final class WithheldPatients {

  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  void withhold(String id) {
    ids.add(id);
  }

  void release(String id) {
    ids.remove(id);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void refuseWithheldReads(RequestDetails request, RestOperationTypeEnum operation) {
    if ((operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD)
        && "Patient".equals(request.getResourceName()) && request.getId() != null
        && ids.contains(request.getId().getIdPart())) {
      throw new ResourceNotFoundException(request.getId());
    }
  }
}
