package health.careloop.facade;

/**
 * A HAPI "plain provider" (not an {@code IResourceProvider}): operations on a type whose resource
 * provider lives in another module, or on the whole server. HAPI allows one IResourceProvider per
 * type, so e.g. {@code Appointment/$preview} cannot sit next to intake's Appointment hook. Beans of
 * this type are registered on {@link CareLoopFhirServer}.
 */
public interface FhirPlainProvider {}
