package health.careloop.intake.internal;

import org.springframework.data.jpa.repository.JpaRepository;

/** The inbox as the processor reads it; {@link Inbox} writes it in plain SQL. */
interface InboxEventRepository extends JpaRepository<InboxEvent, Long> {}
