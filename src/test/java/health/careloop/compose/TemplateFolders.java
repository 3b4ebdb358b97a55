package health.careloop.compose;

import health.careloop.rules.MessageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Template folders for tests that break one template and load the catalog. */
final class TemplateFolders {

  private TemplateFolders() {}

  /** A valid English template for every kind CareLoop writes from templates: the base each test then breaks. */
  static void everyKindInEnglish(Path dir) throws IOException {
    for (MessageKind kind : MessageKind.values()) {
      if (!kind.templated()) {
        continue;
      }
      Files.writeString(Files.createDirectories(dir.resolve(kind.code())).resolve("en.mustache"), "Hello {{name}}");
    }
  }
}
