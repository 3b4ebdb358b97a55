package health.careloop.followup;

import java.util.List;
import java.util.Optional;

/**
 * The follow-up items chosen for one visit, and why.
 *
 * @param items the selected items, in library order
 * @param leftOut items the visit matched but whose clinical review is not current, with the reason
 * @param exclusion when present, why the visit gets no automatic content at all (names the ValueSet,
 *     never the diagnosis); then {@code items} and {@code leftOut} are empty
 */
public record Selection(List<SelectedItem> items, List<LeftOut> leftOut, Optional<String> exclusion) {

  public Selection {
    items = List.copyOf(items);
    leftOut = List.copyOf(leftOut);
  }

  static Selection excluded(String reason) {
    return new Selection(List.of(), List.of(), Optional.of(reason));
  }

  /**
   * A selected item.
   *
   * @param item the item
   * @param why each visit code that selected it, and the ValueSet it is in
   * @param draft selected although its review is not current (the deployment allows draft content)
   * @param draftReason why it is a draft, when it is
   */
  public record SelectedItem(ContentItem item, List<Match> why, boolean draft, Optional<String> draftReason) {
    public SelectedItem {
      why = List.copyOf(why);
    }
  }

  /** An item the visit matched but that was not selected, and why. */
  public record LeftOut(ContentItem item, String reason) {}

  /**
   * A visit code in one of an item's ValueSets.
   *
   * @param kind where on the visit the code was
   * @param code the visit's code
   * @param valueSetUrl the ValueSet it is in
   * @param listedCode the code the ValueSet lists: the visit's code or, for ICD-10, its ancestor
   */
  public record Match(VisitCodes.Kind kind, VisitCodes.Code code, String valueSetUrl, String listedCode) {}
}
