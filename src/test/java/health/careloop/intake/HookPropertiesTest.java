package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class HookPropertiesTest {

  @Test
  void aMaxBodySizeOutsideItsRange_isRefused_namingTheKey() {
    for (DataSize bad : new DataSize[] {DataSize.ofBytes(0), DataSize.ofKilobytes(15), DataSize.ofMegabytes(65), null}) {
      assertThatThrownBy(() -> new HookProperties(bad, null)).as(String.valueOf(bad))
          .hasMessageContaining("careloop.hook.max-body-size");
    }
    assertThat(new HookProperties(DataSize.ofMegabytes(1), null).maxBodySize().toBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void aGroupCommitBatchOrQueueOutsideItsRange_isRefused_namingTheKey() {
    for (int bad : new int[] {0, -1, 1001}) {
      assertThatThrownBy(() -> new HookProperties.GroupCommit(true, bad, 2000)).as(String.valueOf(bad))
          .hasMessageContaining("careloop.hook.group-commit.max-batch");
    }
    assertThatThrownBy(() -> new HookProperties.GroupCommit(true, 64, 63))
        .hasMessageContaining("careloop.hook.group-commit.queue-capacity");
    assertThatThrownBy(() -> new HookProperties.GroupCommit(true, 64, 100_001))
        .hasMessageContaining("careloop.hook.group-commit.queue-capacity");
    assertThat(new HookProperties(DataSize.ofMegabytes(1), null).groupCommit())
        .as("on unless switched off: measured faster under a flood").isEqualTo(new HookProperties.GroupCommit(true, 64, 1024));
  }
}
