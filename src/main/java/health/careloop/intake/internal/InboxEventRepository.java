package health.careloop.intake.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface InboxEventRepository extends JpaRepository<InboxEvent, Long> {

  /** Every delivery of this version stored so far: one, or more if the EHR's history was rewritten. */
  List<InboxEvent> findByResourceTypeAndResourceIdAndVersionId(
      String resourceType, String resourceId, String versionId);
}
