package health.careloop.schedule.internal;

import java.util.Objects;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A {@link Pageable} that starts at any offset, not only at a multiple of the page size: FHIR
 * paging links carry {@code _offset} and {@code _count}, and a client may change {@code _count}
 * between pages.
 */
record OffsetPageRequest(long offset, int limit, Sort sort) implements Pageable {

  OffsetPageRequest {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, were " + offset + ", " + limit);
    }
    Objects.requireNonNull(sort, "sort");
  }

  @Override
  public int getPageNumber() {
    return (int) (offset / limit);
  }

  @Override
  public int getPageSize() {
    return limit;
  }

  @Override
  public long getOffset() {
    return offset;
  }

  @Override
  public Sort getSort() {
    return sort;
  }

  @Override
  public Pageable next() {
    return new OffsetPageRequest(offset + limit, limit, sort);
  }

  @Override
  public Pageable previousOrFirst() {
    return hasPrevious() ? new OffsetPageRequest(Math.max(0, offset - limit), limit, sort) : first();
  }

  @Override
  public Pageable first() {
    return new OffsetPageRequest(0, limit, sort);
  }

  @Override
  public Pageable withPage(int pageNumber) {
    return new OffsetPageRequest((long) pageNumber * limit, limit, sort);
  }

  @Override
  public boolean hasPrevious() {
    return offset > 0;
  }
}
