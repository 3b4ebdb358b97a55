package health.careloop.intake.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InboxEventRepository extends JpaRepository<InboxEvent, Long> {

  Optional<InboxEvent> findByResourceTypeAndResourceIdAndVersionId(
      String resourceType, String resourceId, String versionId);
}
