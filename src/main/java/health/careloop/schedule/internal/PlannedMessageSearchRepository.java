package health.careloop.schedule.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** Read side of {@code planned_message}: criteria searches for {@link JpaPlannedMessageQuery}. */
interface PlannedMessageSearchRepository
    extends Repository<PlannedMessage, String>, JpaSpecificationExecutor<PlannedMessage> {

  Optional<PlannedMessage> findById(String id);
}
