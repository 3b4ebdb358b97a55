package health.careloop.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The clinical safety hazard log (docs/safety/hazard-log.md) claims controls "Verified by" named
 * tests. This keeps the claims true: every {@code `Class#method`} it names must be a JUnit
 * {@code @Test} method of a class under src/test/java, and every hazard must say what verifies it.
 */
class HazardLogTest {

  static final Path LOG = Path.of("docs/safety/hazard-log.md");
  static final Path TESTS = Path.of("src/test/java");

  /** {@code `Class#method`}; not inside a double-backtick span ({@code `` `Example#shown` ``} shows the form). */
  private static final Pattern REFERENCE = Pattern.compile("(?<!`` )`([A-Za-z_$][\\w$]*)#([A-Za-z_$][\\w$]*)`");
  /** The field line itself ("- **Verified by**: …"), not a mention of it in the text. */
  private static final Pattern VERIFIED_BY = Pattern.compile("(?m)^\\s*(?:[-*]\\s+)?\\*\\*Verified by\\*\\*");
  private static final Pattern HAZARD_HEADING = Pattern.compile("(?m)^## (HAZ-\\d{3})\\b.*$");

  @Test
  void everyTestTheHazardLogNames_exists_andEveryHazardSaysWhatVerifiesIt() throws IOException {
    String log = Files.readString(LOG, StandardCharsets.UTF_8);

    assertThat(problems(log, TESTS)).as("problems in %s", LOG).isEmpty();
    assertThat(references(log)).as("tests referenced by %s", LOG).isNotEmpty();
  }

  @Test
  void theCheck_reportsABogusReference_aHazardWithoutVerifiedBy_andALogWithoutTests() {
    String log = """
        # Log
        ## HAZ-001 Something
        - **Verified by**:
          - `HazardLogTest#everyTestTheHazardLogNames_exists_andEveryHazardSaysWhatVerifiesIt`
          - `HazardLogTest#noSuchMethod`
          - `NoSuchTestClass#anything`
          - `HazardLogTest#references`
        ## HAZ-002 Something else
        - **Controls**: see Verified by (a mention is not the field)
        - **Status**: Open; the form is `` `ClassName#methodName` `` (not a reference)
        """;

    assertThat(problems(log, TESTS)).containsExactlyInAnyOrder(
        "`HazardLogTest#noSuchMethod`: no @Test method noSuchMethod in health.careloop.safety.HazardLogTest",
        "`NoSuchTestClass#anything`: no class NoSuchTestClass under " + TESTS,
        "`HazardLogTest#references`: no @Test method references in health.careloop.safety.HazardLogTest",
        "HAZ-002 has no \"Verified by\" line");
    assertThat(problems("# Log\n## HAZ-001 X\n- **Verified by**: none yet — open\n", TESTS))
        .containsExactly("the log references no test at all");
    assertThat(problems("# Log without hazards\n", TESTS)).contains("the log has no hazard section (## HAZ-nnn)");
  }

  /** DCB0129's matrix: rows likelihood Very high … Very low, columns Minor … Catastrophic. */
  static final List<String> LIKELIHOODS = List.of("Very high", "High", "Medium", "Low", "Very low");
  static final List<String> SEVERITIES = List.of("Minor", "Significant", "Considerable", "Major", "Catastrophic");
  static final int[][] MATRIX = {
      {3, 4, 4, 5, 5},
      {2, 3, 3, 4, 5},
      {2, 2, 3, 3, 4},
      {1, 2, 2, 3, 4},
      {1, 1, 2, 2, 3}};
  private static final Pattern RATING = Pattern.compile(
      "severity (\\w+) · likelihood ([\\w ]+?) · \\*\\*risk (\\d)\\*\\*");

  @Test
  void everyRating_isTheRiskMatrixLookUp_andEveryHazardIsRatedBeforeAndAfterItsControls() throws IOException {
    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    for (String[] section : sections(log)) {
      Matcher m = RATING.matcher(section[1]);
      int ratings = 0;
      while (m.find()) {
        ratings++;
        int severity = SEVERITIES.indexOf(m.group(1));
        int likelihood = LIKELIHOODS.indexOf(m.group(2));
        assertThat(severity).as("%s: severity %s", section[0], m.group(1)).isNotNegative();
        assertThat(likelihood).as("%s: likelihood %s", section[0], m.group(2)).isNotNegative();
        assertThat(Integer.parseInt(m.group(3))).as("%s: %s", section[0], m.group())
            .isEqualTo(MATRIX[likelihood][severity]);
      }
      assertThat(ratings).as("%s: an initial and a residual rating", section[0]).isEqualTo(2);
    }
  }

  /** What is wrong with the log, one line each; empty if nothing. */
  static List<String> problems(String log, Path testRoot) {
    List<String> problems = new ArrayList<>();
    List<String[]> sections = sections(log);
    if (sections.isEmpty()) {
      problems.add("the log has no hazard section (## HAZ-nnn)");
    }
    for (String[] section : sections) {
      if (!VERIFIED_BY.matcher(section[1]).find()) {
        problems.add(section[0] + " has no \"Verified by\" line");
      }
    }
    Set<String> references = references(log);
    if (references.isEmpty()) {
      problems.add("the log references no test at all");
    }
    for (String reference : references) {
      String[] parts = reference.split("#");
      problems.addAll(check(reference, parts[0], parts[1], testRoot));
    }
    return problems;
  }

  /** Each {@code `Class#method`} in the log, in order, once. */
  static Set<String> references(String log) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = REFERENCE.matcher(log);
    while (m.find()) {
      found.add(m.group(1) + "#" + m.group(2));
    }
    return found;
  }

  /** Each hazard section as {id, text up to the next hazard}. */
  private static List<String[]> sections(String log) {
    List<Integer> starts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Matcher m = HAZARD_HEADING.matcher(log);
    while (m.find()) {
      starts.add(m.start());
      ids.add(m.group(1));
    }
    List<String[]> sections = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : log.length();
      sections.add(new String[] {ids.get(i), log.substring(starts.get(i), end)});
    }
    return sections;
  }

  private static List<String> check(String reference, String simpleName, String method, Path testRoot) {
    String quoted = "`" + reference + "`";
    List<Path> files = find(simpleName + ".java", testRoot);
    if (files.isEmpty()) {
      return List.of(quoted + ": no class " + simpleName + " under " + testRoot);
    }
    if (files.size() > 1) {
      return List.of(quoted + ": more than one class " + simpleName + " under " + testRoot + ": " + files);
    }
    String className = testRoot.relativize(files.get(0)).toString()
        .replace(files.get(0).getFileSystem().getSeparator(), ".").replaceAll("\\.java$", "");
    Class<?> type;
    try {
      type = Class.forName(className, false, HazardLogTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return List.of(quoted + ": " + className + " is not compiled on the test class path");
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method candidate : c.getDeclaredMethods()) {
        if (candidate.getName().equals(method) && isATest(candidate)) {
          return candidate.isAnnotationPresent(Disabled.class) || type.isAnnotationPresent(Disabled.class)
              ? List.of(quoted + ": is @Disabled, so it proves nothing") : List.of();
        }
      }
    }
    return List.of(quoted + ": no @Test method " + method + " in " + className);
  }

  /** A plain, repeated or parameterized JUnit test: each runs the method as a test. */
  private static boolean isATest(Method method) {
    return method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(RepeatedTest.class)
        || method.isAnnotationPresent(ParameterizedTest.class);
  }

  private static List<Path> find(String fileName, Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.getFileName().toString().equals(fileName)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
