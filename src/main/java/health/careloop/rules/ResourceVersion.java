package health.careloop.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * A version of an EHR resource. Notifications can arrive twice or out of order; comparing versions
 * is how an older one is kept from undoing a newer one.
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

  private static Long asNumber(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
