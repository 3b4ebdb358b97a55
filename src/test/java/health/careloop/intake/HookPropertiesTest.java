package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class HookPropertiesTest {

  @Test
  void aMaxBodySizeOutsideItsRange_isRefused_namingTheKey() {
    for (DataSize bad : new DataSize[] {DataSize.ofBytes(0), DataSize.ofKilobytes(15), DataSize.ofMegabytes(65), null}) {
      assertThatThrownBy(() -> new HookProperties(bad)).as(String.valueOf(bad))
          .hasMessageContaining("careloop.hook.max-body-size");
    }
    assertThat(new HookProperties(DataSize.ofMegabytes(1)).maxBodySize().toBytes()).isEqualTo(1024 * 1024);
  }
}
