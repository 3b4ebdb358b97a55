package health.careloop.database;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseAwayTest {

  private final DatabaseAwayInterceptor interceptor = DatabaseAwayInterceptor.forNotifications();

  @Test
  void noConnectionWithinTheTimeout_isTheDatabaseAway() {
    var hikari = new SQLTransientConnectionException("careloop - Connection is not available, request timed out after 5000ms");
    assertThat(DatabaseAway.causedBy(new CannotCreateTransactionException("Could not open JPA EntityManager", hikari))).isTrue();
  }

  @Test
  void aConnectionEndedByTheServersShutdown_isTheDatabaseAway() {
    var adminShutdown = new SQLException("terminating connection due to administrator command", "57P01");
    var ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");
    assertThat(DatabaseAway.causedBy(new JpaSystemException(new RuntimeException(adminShutdown)))).isTrue();
    assertThat(DatabaseAway.causedBy(new IllegalStateException(ioError))).isTrue();
  }

  @Test
  void aRollbackThatFailsOnAClosedConnection_isTheDatabaseAway() {
    // What the hook's transaction throws when the database stops under it: Spring drops the
    // original failure and keeps the rollback's.
    var rollback = new JpaSystemException(new org.hibernate.TransactionException(
        "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
    assertThat(DatabaseAway.causedBy(new IllegalStateException(rollback))).isTrue();
  }

  @Test
  void aBugOrAConstraint_isNot() {
    assertThat(DatabaseAway.causedBy(new NullPointerException())).isFalse();
    assertThat(DatabaseAway.causedBy(new DataIntegrityViolationException("duplicate key",
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
  }

  @Test
  void theHookAnswers503WithAnOperationOutcomeAndRetryAfter_onlyWhenTheDatabaseIsAway() {
    BaseServerResponseException answer = interceptor.databaseAway(
        new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timed out")));

    assertThat(answer.getStatusCode()).isEqualTo(503);
    assertThat(answer.getResponseHeaders()).containsEntry("Retry-After", java.util.List.of("10"));
    OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
    assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
    assertThat(interceptor.databaseAway(new IllegalStateException("a bug"))).as("left to HAPI: 500").isNull();
  }

  @Test
  void theFacadeAnswers503Too_namingARequestToRepeat_notANotification() {
    BaseServerResponseException answer = DatabaseAwayInterceptor.forFacade().databaseAway(
        new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timed out")));

    assertThat(answer.getStatusCode()).isEqualTo(503);
    assertThat(answer.getResponseHeaders()).containsEntry("Retry-After", java.util.List.of("10"));
    OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
    assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("CL-1151").contains("Try the request again");
  }
}
