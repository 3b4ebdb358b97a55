package health.careloop.followup;

import java.nio.file.Path;

/** The content library cannot be used: the message names the file and what is wrong with it. */
public class ContentLibraryException extends RuntimeException {

  public ContentLibraryException(Path file, String problem) {
    super("Follow-up content " + file + ": " + problem);
  }

  public ContentLibraryException(Path file, String problem, Throwable cause) {
    super("Follow-up content " + file + ": " + problem, cause);
  }
}
