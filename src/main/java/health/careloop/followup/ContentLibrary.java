package health.careloop.followup;

import java.util.List;
import java.util.Objects;

/**
 * The loaded, checked content library: its items and how to decide ValueSet membership.
 *
 * @param items every item, in file-name order
 * @param membership decides whether a code is in one of the library's ValueSets
 */
public record ContentLibrary(List<ContentItem> items, ValueSetMembership membership) {

  /** The ValueSet whose codes exclude a visit from all automatic follow-up content. */
  public static final String SENSITIVE_CONDITIONS = "https://careloop.health/fhir/ValueSet/sensitive-conditions";

  public ContentLibrary {
    items = List.copyOf(items);
    Objects.requireNonNull(membership, "membership");
  }
}
