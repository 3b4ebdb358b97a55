package health.careloop.reminders.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AppointmentStateRepository extends JpaRepository<AppointmentState, String> {

  /** Serialises the processing of one appointment's notifications across threads and replicas. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select s from AppointmentState s where s.appointmentId = ?1")
  Optional<AppointmentState> findForUpdate(String appointmentId);
}
