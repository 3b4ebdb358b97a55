package health.careloop.ehr;

/**
 * One of CareLoop's Subscriptions as a check found it in the EHR, and what was done about it.
 * Ids and statuses only: nothing about a patient.
 *
 * @param code CareLoop's tag code, e.g. {@code appointment}
 * @param resourceType the type it notifies, e.g. {@code Appointment}
 * @param subscriptionId its id in the EHR after the check
 * @param statusFound its status before the check ({@code active}, {@code error}, {@code off}, …;
 *     {@code missing} if there was none)
 * @param repair what the check did
 */
public record SubscriptionCheck(String code, String resourceType, String subscriptionId, String statusFound,
    SubscriptionRepair repair) {

  public static final String MISSING = "missing";
}
