package health.careloop.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means CareLoop's database is away (stopped, restarting, unreachable, no
 * connection to be had) rather than that the request or CareLoop's code is wrong. Only that is
 * worth the caller's retry: the same request succeeds once the database is back.
 */
public final class DatabaseAway {

  private DatabaseAway() {}

  public static boolean causedBy(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException
          // Hikari: no connection within its connection-timeout.
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          // A transaction that cannot even be rolled back: its connection is gone. When the
          // database goes away mid-transaction, this failure of the rollback is what is left of
          // the first one (Spring logs and drops the original).
          || t instanceof TransactionSystemException
          || t instanceof org.hibernate.TransactionException) {
        return true;
      }
      if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception) and PostgreSQL's 57P01 admin_shutdown, 57P02
   * crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down).
   */
  private static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
        || state.equals("57P03"));
  }
}
