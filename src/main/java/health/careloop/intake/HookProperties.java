package health.careloop.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the EHR's way in ({@code /hook}).
 *
 * @param maxBodySize the largest notification body accepted; a larger one is refused with 413 as
 *     soon as its Content-Length (or, sent chunked, its bytes) say so, without being held in memory.
 *     An Appointment or Encounter is a few kilobytes: the default 1 MiB leaves ample room.
 */
@ConfigurationProperties("careloop.hook")
public record HookProperties(@DefaultValue("1MB") DataSize maxBodySize) {

  private static final DataSize SMALLEST = DataSize.ofKilobytes(16);
  private static final DataSize LARGEST = DataSize.ofMegabytes(64);

  public HookProperties {
    if (maxBodySize == null || maxBodySize.compareTo(SMALLEST) < 0 || maxBodySize.compareTo(LARGEST) > 0) {
      throw new IllegalArgumentException("careloop.hook.max-body-size must be between 16KB and 64MB, not " + maxBodySize);
    }
  }
}
