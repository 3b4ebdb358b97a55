package health.careloop.followup.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface EncounterStateRepository extends JpaRepository<EncounterState, String> {

  /** Serialises the processing of one Encounter's notifications across threads and replicas. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select s from EncounterState s where s.encounterId = ?1")
  Optional<EncounterState> findForUpdate(String encounterId);
}
