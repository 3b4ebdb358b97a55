package health.careloop.schedule;

import java.util.List;

/**
 * What one message that went out (sent, or handed to staff) was made of, and to whom.
 *
 * @param guardian the guardian it went to; null for the patient
 * @param content its content items ({@link MessageDraft#content()})
 */
public record DeliveredContent(String patientId, String guardian, List<String> content) {

  public DeliveredContent {
    content = List.copyOf(content);
  }
}
