package health.careloop.schedule.internal;

import health.careloop.schedule.PlannedMessageQuery;
import health.careloop.schedule.PlannedMessageSearch;
import health.careloop.schedule.PlannedMessageView;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link PlannedMessageQuery} on Spring Data JPA specifications over {@code planned_message}. */
@Component
@Transactional(readOnly = true)
class JpaPlannedMessageQuery implements PlannedMessageQuery {

  /** Due time first (what integrators page through), id to break ties so pages never overlap. */
  static final Sort ORDER = Sort.by(Sort.Order.asc("dueAt"), Sort.Order.asc("id"));

  private final PlannedMessageSearchRepository repository;

  JpaPlannedMessageQuery(PlannedMessageSearchRepository repository) {
    this.repository = repository;
  }

  @Override
  public Optional<PlannedMessageView> byId(String plannedMessageId) {
    return repository.findById(plannedMessageId).map(PlannedMessages::view);
  }

  @Override
  public Page search(PlannedMessageSearch search, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must be >= 0, were " + offset + ", " + limit);
    }
    if (search.matchesNothing()) {
      return new Page(List.of(), 0);
    }
    Specification<PlannedMessage> matching = PlannedMessageSpecifications.matching(search);
    if (limit == 0) {
      return new Page(List.of(), repository.count(matching));
    }
    org.springframework.data.domain.Page<PlannedMessage> page = repository.findAll(matching, new OffsetPageRequest(offset, limit, ORDER));
    return new Page(
        page.getContent().stream().map(PlannedMessages::view).toList(), page.getTotalElements());
  }
}
