package health.careloop.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the follow-up items for a visit. Pure: everything it needs is in the library, the visit's
 * codes and today's date.
 */
public final class FollowUpSelector {

  private final ContentLibrary library;
  private final boolean allowDraftContent;
  private final Optional<MedlinePlusConnect> medlinePlus;

  public FollowUpSelector(ContentLibrary library, boolean allowDraftContent) {
    this(library, allowDraftContent, Optional.empty());
  }

  /** @param medlinePlus links for diagnoses no item covers, when switched on ({@link MedlinePlusConnect}) */
  public FollowUpSelector(ContentLibrary library, boolean allowDraftContent, Optional<MedlinePlusConnect> medlinePlus) {
    this.library = library;
    this.allowDraftContent = allowDraftContent;
    this.medlinePlus = medlinePlus;
  }

  /**
   * The items for a visit with {@code codes}, on {@code today} (in the deployment's time zone).
   * A visit with any code in the sensitive-conditions ValueSet gets none: a follow-up about it could
   * reveal the diagnosis to whoever sees the patient's phone. An item whose clinical review is not
   * current is left out, unless draft content is allowed.
   */
  public Selection select(VisitCodes codes, LocalDate today) {
    List<VisitCodes.KindedCode> all = codes.all();
    for (VisitCodes.KindedCode code : all) {
      if (library.membership().codeInValueSet(ContentLibrary.SENSITIVE_CONDITIONS, code.code()).isPresent()) {
        // The reason names the ValueSet and where the code was, never the code: the plan and its
        // $preview are seen by staff and integrators who need not learn the diagnosis from it.
        return Selection.excluded("a " + code.kind().name().toLowerCase(Locale.ROOT)
            + " code of the visit is in " + ContentLibrary.SENSITIVE_CONDITIONS);
      }
    }
    List<Selection.SelectedItem> selected = new ArrayList<>();
    List<Selection.LeftOut> leftOut = new ArrayList<>();
    Set<VisitCodes.Code> matched = new HashSet<>();
    for (ContentItem item : library.items()) {
      List<Selection.Match> why = matches(item, all);
      if (why.isEmpty()) {
        continue;
      }
      why.forEach(match -> matched.add(match.code()));
      Optional<String> notCurrent = item.notCurrentReason(today);
      if (notCurrent.isPresent() && !allowDraftContent) {
        leftOut.add(new Selection.LeftOut(item, "clinical review not current: " + notCurrent.get()));
      } else {
        selected.add(new Selection.SelectedItem(item, why, notCurrent.isPresent(), notCurrent));
      }
    }
    medlinePlus.ifPresent(links -> selected.addAll(links(links, all, matched)));
    return new Selection(selected, leftOut, Optional.empty());
  }

  /**
   * A MedlinePlus Connect link for each diagnosis code (ICD-10-CM or SNOMED CT) that selected no
   * library item, nor one left out for its review (reviewed content on the way is not replaced by
   * an unreviewed link). After the sensitive-conditions check, like every item.
   */
  private static List<Selection.SelectedItem> links(MedlinePlusConnect links, List<VisitCodes.KindedCode> codes,
      Set<VisitCodes.Code> matched) {
    List<Selection.SelectedItem> added = new ArrayList<>();
    Set<VisitCodes.Code> seen = new HashSet<>();
    for (VisitCodes.KindedCode code : codes) {
      if (code.kind() != VisitCodes.Kind.DIAGNOSIS || !MedlinePlusConnect.reads(code.code().system())
          || matched.contains(code.code()) || !seen.add(code.code())) {
        continue;
      }
      added.add(new Selection.SelectedItem(links.item(code.code()),
          List.of(new Selection.Match(code.kind(), code.code(), "MedlinePlus Connect", code.code().code())),
          false, Optional.empty()));
    }
    return added;
  }

  private List<Selection.Match> matches(ContentItem item, List<VisitCodes.KindedCode> codes) {
    List<Selection.Match> why = new ArrayList<>();
    for (String valueSet : item.matches()) {
      for (VisitCodes.KindedCode code : codes) {
        library.membership().codeInValueSet(valueSet, code.code())
            .ifPresent(listed -> why.add(new Selection.Match(code.kind(), code.code(), valueSet, listed)));
      }
    }
    return why;
  }
}
