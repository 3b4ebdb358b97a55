package health.careloop.schedule.internal;

import health.careloop.schedule.PlannedMessageSearch;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.jpa.domain.Specification;

/** {@link PlannedMessageSearch} as a JPA criteria predicate on {@link PlannedMessage}. */
final class PlannedMessageSpecifications {

  private PlannedMessageSpecifications() {}

  static Specification<PlannedMessage> matching(PlannedMessageSearch search) {
    return (root, query, cb) -> {
      if (search.matchesNothing()) {
        return cb.disjunction();
      }
      List<Predicate> all = new ArrayList<>();
      in(all, root.get("patientId"), search.patientIds());
      in(all, root.get("appointmentId"), search.appointmentIds());
      in(all, root.get("status"), search.statuses());
      in(all, root.get("messageKey"), search.messageKeys());
      if (search.dueFrom() != null) {
        all.add(cb.greaterThanOrEqualTo(root.get("dueAt"), search.dueFrom()));
      }
      if (search.dueBefore() != null) {
        all.add(cb.lessThan(root.get("dueAt"), search.dueBefore()));
      }
      return cb.and(all.toArray(Predicate[]::new));
    };
  }

  private static void in(List<Predicate> all, jakarta.persistence.criteria.Path<Object> path, Set<?> anyOf) {
    if (anyOf != null) {
      all.add(path.in(anyOf));
    }
  }
}
