package health.careloop.followup;

import health.careloop.rules.Addressee;
import health.careloop.rules.MessageKeys;
import health.careloop.rules.MessageKind;
import health.careloop.rules.Reach;
import health.careloop.schedule.DeliveredContent;
import health.careloop.schedule.MessageDraft;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the items chosen for a finished visit into the follow-up messages each recipient should
 * have: one message per due time (the items' messages due at the same offset after the visit are
 * merged), none with a message the recipient already had about this visit, the ones whose time has
 * come merged into one message due now, and none due longer ago than the late limit (a visit CareLoop
 * learns of days later gets no advice meant for its first evening). Pure.
 */
public final class FollowUpPlanner {

  private final Duration lateLimit;

  /** @param lateLimit how long after its due time a follow-up may still be planned */
  public FollowUpPlanner(Duration lateLimit) {
    this.lateLimit = Objects.requireNonNull(lateLimit, "lateLimit");
  }

  /**
   * The messages wanted now, and those that will not be planned with why.
   *
   * @param wanted the messages the visit's recipients should have pending or have had
   * @param notPlanned messages left out, each with the reason (recorded for integrators to see)
   */
  public record FollowUpPlan(List<MessageDraft> wanted, List<NotPlanned> notPlanned) {
    public FollowUpPlan {
      wanted = List.copyOf(wanted);
      notPlanned = List.copyOf(notPlanned);
    }
  }

  /** A message that will not be planned, and why. */
  public record NotPlanned(MessageDraft draft, String reason) {}

  /**
   * @param visitEnd when the visit ended (its period's end, else when CareLoop learnt it had finished)
   * @param reach who receives the patient's messages
   * @param delivered what went out about this visit already, to whom
   */
  public FollowUpPlan plan(String encounterId, String patientId, Instant visitEnd, Selection selection, Reach reach,
      List<DeliveredContent> delivered, Instant now) {
    List<DueMessages.Due> due = DueMessages.group(selection.items(), ContentMessage.FALLBACK_LANGUAGE);
    Set<String> draftItems = selection.items().stream().filter(Selection.SelectedItem::draft)
        .map(selected -> selected.item().url()).collect(Collectors.toSet());
    List<MessageDraft> wanted = new ArrayList<>();
    List<NotPlanned> notPlanned = new ArrayList<>();
    for (Addressee to : reach.addressees()) {
      Recipient recipient = new Recipient(encounterId, patientId, to, draftItems);
      Set<String> had = delivered.stream()
          .filter(d -> d.patientId().equals(patientId) && Objects.equals(d.guardian(), to.guardian().orElse(null)))
          .flatMap(d -> d.content().stream()).collect(Collectors.toSet());
      List<String> dueNow = new ArrayList<>();
      for (DueMessages.Due message : due) {
        List<String> refs = message.parts().stream().map(DueMessages.Part::ref).filter(ref -> !had.contains(ref)).toList();
        if (refs.isEmpty()) {
          continue;
        }
        Instant at = visitEnd.plus(message.offset());
        if (at.isBefore(now.minus(lateLimit))) {
          notPlanned.add(new NotPlanned(recipient.draft("followup:" + message.offset(), refs, at),
              "due " + message.offset() + " after the visit, at " + at + ": more than " + lateLimit + " ago"));
        } else if (!at.isAfter(now)) {
          dueNow.addAll(refs);
        } else {
          wanted.add(recipient.draft("followup:" + message.offset(), refs, at));
        }
      }
      if (!dueNow.isEmpty()) {
        wanted.add(recipient.draft("followup:now", dueNow, now));
      }
    }
    return new FollowUpPlan(wanted, notPlanned);
  }

  /** One recipient of the visit's follow-ups. */
  private record Recipient(String encounterId, String patientId, Addressee to, Set<String> draftItems) {

    /**
     * The key names the visit, the recipient, the due time and what the message says: a replan that
     * wants the same message finds it, and one that wants other content (a diagnosis added) replaces it.
     */
    MessageDraft draft(String when, List<String> refs, Instant dueAt) {
      String key = MessageKeys.ofEncounter(encounterId, patientId, to.guardian().orElse(null), when + ":" + digest(refs));
      boolean draft = refs.stream().anyMatch(ref -> draftItems.contains(ContentRef.parse(ref).itemUrl()));
      return MessageDraft.aboutEncounter(key, MessageKind.FOLLOW_UP_CONTENT, encounterId, patientId, dueAt,
          to.preferredChannel().orElse(null), to.guardian().orElse(null), refs, draft);
    }
  }

  /** A short digest of what a message is made of, the same whatever the order. */
  static String digest(List<String> refs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha.digest(String.join("\n", refs.stream().sorted().toList()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
