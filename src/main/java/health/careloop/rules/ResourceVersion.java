package health.careloop.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * A version of an EHR resource. Notifications can arrive twice or out of order; comparing versions
 * is how an older one is kept from undoing a newer one. An EHR whose history was reset or restored
 * hands out version ids again: {@link #arrivingAfter} tells such a version from a late one.
 *
 * @param versionId {@code meta.versionId}; HAPI and most EHRs count up from 1
 * @param lastUpdated {@code meta.lastUpdated}, used when version ids are not numbers
 */
public record ResourceVersion(String versionId, Instant lastUpdated) {

  public ResourceVersion {
    Objects.requireNonNull(versionId, "versionId");
  }

  /** True when this version is strictly later than {@code other}. */
  public boolean isNewerThan(ResourceVersion other) {
    Long mine = asNumber(versionId);
    Long theirs = asNumber(other.versionId);
    if (mine != null && theirs != null) {
      return mine > theirs;
    }
    if (lastUpdated != null && other.lastUpdated != null) {
      return lastUpdated.isAfter(other.lastUpdated);
    }
    // Opaque ids with no timestamps: only a different id can be news.
    return !versionId.equals(other.versionId);
  }

  /** How a version that has just arrived relates to the one CareLoop last acted on. */
  public enum Arrival {
    /** Later than the held one: what changed between them decides what is said. */
    NEWER,
    /**
     * From a history of the resource the EHR has rewritten (its test environment reset, a backup
     * restored): ids and version numbers come again for other content. The EHR's present state,
     * with nothing CareLoop held to compare it to.
     */
    REWRITTEN,
    /** An older version arriving late, or the held one again: it never undoes the newer one. */
    NOT_NEWER
  }

  /**
   * Whether this version, just notified, is news after {@code held}. Version ids are compared as
   * {@link #isNewerThan} does; a version they do not show to be newer is still news when it comes
   * from a rewritten history, which only {@code meta.lastUpdated} and the content can tell:
   * <ul>
   *   <li>the same version id written at another time, or received before with other content: an
   *       EHR writes each version of a resource once;
   *   <li>an older version id written after the held one: an EHR writes a resource's versions one
   *       after the other, so this one comes from a history that started again (with times, an
   *       older version written before the held one is late, whatever its content: within the new
   *       history too, an older version never undoes a newer one);
   *   <li>without times on both, an older version id received before with other content.
   * </ul>
   *
   * @param held the version CareLoop last planned from
   * @param seenWithOtherContent the EHR had already sent this version id of the resource with
   *     another {@code meta.lastUpdated} or other content
   */
  public Arrival arrivingAfter(ResourceVersion held, boolean seenWithOtherContent) {
    boolean timesKnown = lastUpdated != null && held.lastUpdated != null;
    if (versionId.equals(held.versionId)) {
      boolean writtenAgain = timesKnown && !lastUpdated.equals(held.lastUpdated);
      return writtenAgain || seenWithOtherContent ? Arrival.REWRITTEN : Arrival.NOT_NEWER;
    }
    if (isNewerThan(held)) {
      return Arrival.NEWER;
    }
    if (timesKnown) {
      return lastUpdated.isAfter(held.lastUpdated) ? Arrival.REWRITTEN : Arrival.NOT_NEWER;
    }
    return seenWithOtherContent ? Arrival.REWRITTEN : Arrival.NOT_NEWER;
  }

  private static Long asNumber(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
