package health.careloop.facade;

/**
 * A HAPI "plain provider" (not an {@code IResourceProvider}): an operation on a type the façade
 * serves no resources of ({@code Appointment/$preview}: the Appointments live in the EHR), or on
 * the whole server ({@code $sync}). Beans of this type are registered on {@link CareLoopFhirServer}.
 */
public interface FhirPlainProvider {}
