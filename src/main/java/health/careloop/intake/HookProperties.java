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
 * @param groupCommit how concurrent deliveries are stored together
 */
@ConfigurationProperties("careloop.hook")
public record HookProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue GroupCommit groupCommit) {

  /**
   * Concurrent deliveries are stored in one transaction, one commit for all, each answered once it
   * is committed.
   *
   * @param enabled true (the default): one thread stores what concurrent requests wait with; false:
   *     each request stores its own delivery in its own transaction, on its own thread. On by
   *     default: on two cores with PostgreSQL on the same machine the hook took 38-55% more
   *     deliveries a second with 32 at once, 41-134% more with 64, at half the p99 (docs/benchmarks.md)
   * @param maxBatch the most deliveries stored in one transaction (1 to 1000)
   * @param queueCapacity the most deliveries waiting to be stored (at least {@code max-batch}); one
   *     more is answered 503 and sent again by the EHR
   */
  public record GroupCommit(@DefaultValue("true") boolean enabled, @DefaultValue("64") int maxBatch,
      @DefaultValue("1024") int queueCapacity) {

    public GroupCommit {
      if (maxBatch < 1 || maxBatch > 1000) {
        throw new IllegalArgumentException("careloop.hook.group-commit.max-batch must be between 1 and 1000, not "
            + maxBatch);
      }
      if (queueCapacity < maxBatch || queueCapacity > 100_000) {
        throw new IllegalArgumentException("careloop.hook.group-commit.queue-capacity must be between"
            + " careloop.hook.group-commit.max-batch (" + maxBatch + ") and 100000, not " + queueCapacity);
      }
    }
  }

  private static final DataSize SMALLEST = DataSize.ofKilobytes(16);
  private static final DataSize LARGEST = DataSize.ofMegabytes(64);

  public HookProperties {
    if (maxBodySize == null || maxBodySize.compareTo(SMALLEST) < 0 || maxBodySize.compareTo(LARGEST) > 0) {
      throw new IllegalArgumentException("careloop.hook.max-body-size must be between 16KB and 64MB, not " + maxBodySize);
    }
    if (groupCommit == null) {
      groupCommit = new GroupCommit(true, 64, 1024);
    }
  }
}
