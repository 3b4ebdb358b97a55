package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.schedule.PlannedMessageStatus;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannedMessageRepositoryTest {

  @Test
  void theLiveStatusesWrittenInTheReplansQuery_areExactlyThoseAReplanWeighs() {
    assertThat(Arrays.stream(PlannedMessageRepository.LIVE_STATUSES.split(","))
            .map(literal -> PlannedMessageStatus.valueOf(literal.strip().substring(literal.strip().lastIndexOf('.') + 1)))
            .collect(Collectors.toSet()))
        .isEqualTo(PlannedMessages.LIVE);
  }
}
