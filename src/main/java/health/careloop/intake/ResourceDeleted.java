package health.careloop.intake;

/**
 * The EHR no longer holds a resource CareLoop was notified about: asked for it after an id-only
 * notification, it answered 404 or 410. What is pending about it no longer holds. Published inside
 * the transaction that acknowledges the notification; a listener revokes, and plans nothing.
 *
 * @param resourceType {@code Appointment} or {@code Encounter}
 */
public record ResourceDeleted(String resourceType, String resourceId) {

  /** The reason a revoked message gives. */
  public String reason() {
    return resourceType + "/" + resourceId + " deleted in the EHR";
  }
}
