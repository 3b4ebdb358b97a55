package health.careloop.followup.internal;

import health.careloop.compose.ContentTexts;
import health.careloop.followup.ContentItem;
import health.careloop.followup.ContentLibrary;
import health.careloop.followup.ContentMessage;
import health.careloop.followup.MedlinePlusConnect;
import health.careloop.followup.ContentRef;
import health.careloop.rules.LanguageChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A planned follow-up's text, from the content library as it is at send time: each planned item
 * message that still exists and may still be sent (its clinical review current, or draft content
 * allowed), in one language for the whole message (the recipient's first language every part has,
 * else English), placeholders filled in, parts separated by a blank line. Pure.
 */
public final class LibraryTexts implements ContentTexts {

  /** Between the parts of a message made of several items. */
  static final String PART_SEPARATOR = "\n\n";

  private final Map<String, ContentItem> itemsByUrl;
  private final boolean allowDraftContent;
  private final Duration lateLimit;
  private final Optional<MedlinePlusConnect> medlinePlus;

  /** @param lateLimit how long after its due time a follow-up may still go out */
  public LibraryTexts(ContentLibrary library, boolean allowDraftContent, Duration lateLimit) {
    this(library, allowDraftContent, lateLimit, Optional.empty());
  }

  /**
   * @param medlinePlus MedlinePlus Connect links, when switched on: a planned link is sent only while
   *     they are (switched off since it was planned, it is left out as withdrawn library content is)
   */
  public LibraryTexts(ContentLibrary library, boolean allowDraftContent, Duration lateLimit,
      Optional<MedlinePlusConnect> medlinePlus) {
    this.medlinePlus = medlinePlus;
    this.itemsByUrl = library.items().stream()
        .collect(Collectors.toMap(ContentItem::url, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    this.allowDraftContent = allowDraftContent;
    this.lateLimit = lateLimit;
  }

  @Override
  public Optional<String> whyTooLate(Instant dueAt, Instant at) {
    return at.isAfter(dueAt.plus(lateLimit))
        ? Optional.of("due at " + dueAt + ", more than " + lateLimit + " ago") : Optional.empty();
  }

  @Override
  public Optional<ContentText> compose(List<String> content, List<String> languages, ContentValues values,
      LocalDate today) {
    List<Part> parts = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    boolean draft = false;
    for (String planned : content) {
      ContentRef ref = ContentRef.parse(planned);
      ContentItem item = itemsByUrl.get(ref.itemUrl());
      if (item == null && MedlinePlusConnect.isItemUrl(ref.itemUrl())) {
        if (medlinePlus.isEmpty()) {
          leftOut.add(planned + ": MedlinePlus Connect links are switched off (careloop.followup.medlineplus-connect.enabled)");
          continue;
        }
        item = medlinePlus.get().itemOf(ref.itemUrl()).orElse(null);
      }
      ContentItem found = item;
      Optional<ContentMessage> message = item == null ? Optional.empty()
          : found.messages().stream().filter(m -> m.id().equals(ref.messageId())).findFirst();
      if (message.isEmpty()) {
        leftOut.add(planned + ": no longer in the content library");
        continue;
      }
      Optional<String> notCurrent = item.notCurrentReason(today);
      if (notCurrent.isPresent() && !allowDraftContent) {
        leftOut.add(planned + ": clinical review not current: " + notCurrent.get());
        continue;
      }
      draft |= notCurrent.isPresent();
      parts.add(new Part(item, message.get()));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String language = LanguageChoice.choose(languages, commonLanguages(parts), ContentMessage.FALLBACK_LANGUAGE);
    String text = parts.stream()
        .map(part -> fill(part.message().text(language).text(), part.item(), values))
        .collect(Collectors.joining(PART_SEPARATOR));
    List<String> canonicals = parts.stream().map(p -> p.item().url() + "|" + p.item().version()).distinct().toList();
    // A MedlinePlus Connect link's page in the language of the text (MedlinePlus has English and Spanish).
    List<Page> pages = parts.stream().map(p -> MedlinePlusConnect.page(p.item(), language)).distinct()
        .map(page -> new Page(page.url(), page.title())).toList();
    return Optional.of(new ContentText(language, text, canonicals, pages, draft, leftOut));
  }

  private record Part(ContentItem item, ContentMessage message) {}

  /** The languages every part has a text in: the message is written in one language, not a mix. */
  private static Set<String> commonLanguages(List<Part> parts) {
    Set<String> common = new HashSet<>(parts.get(0).message().texts().keySet());
    parts.forEach(part -> common.retainAll(part.message().texts().keySet()));
    return common;
  }

  /** The placeholders the library allows (checked when it was loaded), filled in; unknown values left empty. */
  private static String fill(String text, ContentItem item, ContentValues values) {
    return text.replace("{{link}}", item.patientPage().url())
        .replace("{{name}}", values.recipientName() == null ? "" : values.recipientName())
        .replace("{{contact}}", values.contact() == null ? "" : values.contact());
  }
}
