package health.careloop.compose;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import health.careloop.rules.MessageKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The message templates, loaded once from {@code <templatesDir>/<kind>/<language>.mustache}.
 * Mustache keeps templates logic-less: hospitals edit wording, never behaviour. A missing
 * fallback template or a template that does not render stops start-up, naming the file. Every
 * folder is loaded and checked, also one whose kind CareLoop does not send yet.
 */
public final class TemplateCatalog {

  private static final String SUFFIX = ".mustache";

  /** By kind code (the folder name), then language. */
  private final Map<String, Map<String, Template>> templates;

  private TemplateCatalog(Map<String, Map<String, Template>> templates) {
    this.templates = templates;
  }

  public static TemplateCatalog load(Path dir, String fallbackLanguage) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidTemplateException(dir, "not a folder (careloop.compose.templates-dir)");
    }
    Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).strictSections(true).emptyStringIsFalse(true);
    Set<String> kinds = new TreeSet<>();
    for (MessageKind kind : MessageKind.values()) {
      if (kind.templated()) {
        kinds.add(kind.code());
      }
    }
    try (Stream<Path> folders = Files.list(dir)) {
      folders.filter(Files::isDirectory).map(f -> f.getFileName().toString())
          .filter(name -> !name.startsWith(".")).forEach(kinds::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Map<String, Template>> byKind = new TreeMap<>();
    for (String kind : kinds) {
      Map<String, Template> byLanguage = new HashMap<>();
      Path kindDir = dir.resolve(kind);
      if (Files.isDirectory(kindDir)) {
        try (Stream<Path> files = Files.list(kindDir)) {
          files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
              .forEach(f -> byLanguage.put(language(f), compile(compiler, f)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (!byLanguage.containsKey(fallbackLanguage)) {
        throw new InvalidTemplateException(kindDir.resolve(fallbackLanguage + SUFFIX),
            "missing: every message kind needs a template in the fallback language "
                + "(careloop.compose.fallback-language=" + fallbackLanguage + ")");
      }
      byKind.put(kind, byLanguage);
    }
    return new TemplateCatalog(byKind);
  }

  /** Lower-case BCP 47 tags there is a template for. */
  public Set<String> languages(MessageKind kind) {
    return languages(kind.code());
  }

  /** Lower-case BCP 47 tags there is a template for, for a kind code (folder name); empty if none. */
  Set<String> languages(String kindCode) {
    return templates.getOrDefault(kindCode, Map.of()).keySet();
  }

  /** The kind codes (folder names) there are templates for. */
  Set<String> kinds() {
    return templates.keySet();
  }

  Template template(String kindCode, String language) {
    return templates.get(kindCode).get(language);
  }

  private static String language(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length()).toLowerCase(Locale.ROOT);
  }

  private static Template compile(Mustache.Compiler compiler, Path file) {
    try {
      Template template = compiler.compile(Files.readString(file, StandardCharsets.UTF_8));
      // Render with sample values: a misspelt variable fails now, not at 7 a.m. on Monday.
      for (Map<String, Object> sample : MessageComposer.sampleContexts()) {
        template.execute(sample);
      }
      return template;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MustacheException e) {
      throw new InvalidTemplateException(file, e.getMessage());
    }
  }

  /** A template that cannot be used; the message names the file. */
  public static class InvalidTemplateException extends RuntimeException {
    InvalidTemplateException(Path file, String problem) {
      super("Template " + file + ": " + problem);
    }
  }
}
