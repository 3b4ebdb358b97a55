package health.careloop.bench;

import ca.uhn.fhir.util.VersionUtil;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** What the figures were measured on: they mean little without it (the machine may be shared). */
final class MachineInfo {

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", Instant.now().toString());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      m.put("memoryMb", os.getTotalMemorySize() / (1024 * 1024));
    }
    m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("loadAverage1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    m.put("hapiFhir", VersionUtil.getVersion());
    m.put("springBoot", SpringBootVersion.getVersion());
    m.put("spring", SpringVersion.getVersion());
    return m;
  }

  private MachineInfo() {}
}
