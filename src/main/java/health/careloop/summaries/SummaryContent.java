package health.careloop.summaries;

import java.util.List;

/**
 * What a clinician summary says.
 *
 * @param text plain text, one item a line, each naming the resource it is about
 * @param about the references of everything the text lists ({@code Task/12}, {@code ServiceRequest/3}, …)
 */
public record SummaryContent(String text, SummaryPriority priority, List<String> about) {

  public SummaryContent {
    about = List.copyOf(about);
  }
}
