package health.careloop.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.CareLoopFhir;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;

/**
 * How fast the EHR itself takes the Communications CareLoop writes, from a plain HAPI client with
 * nothing of CareLoop in the way: copies of one Communication CareLoop wrote, each with an
 * identifier of its own, written as CareLoop writes them (a conditional create on the identifier),
 * one at a time, from 8 threads, and as transaction Bundles of 50 conditional creates.
 */
final class RawCommunicationWrites {

  static final int PER_BUNDLE = 50;

  private final IGenericClient ehr;
  private final Communication template;
  private final AtomicInteger sequence = new AtomicInteger();

  /** @param written one Communication CareLoop wrote, as the EHR holds it */
  RawCommunicationWrites(IGenericClient ehr, Communication written) {
    this.ehr = ehr;
    this.template = written.copy();
    template.setId((String) null);
    template.setMeta(null);
  }

  /** Rates (Communications per second) of {@code count} writes in each of the three ways. */
  Map<String, Object> measure(int count) throws Exception {
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("singleC1PerSecond", rate(count, () -> singles(count, 1)));
    rates.put("singleC8PerSecond", rate(count, () -> singles(count, 8)));
    rates.put("bundlesOf50PerSecond", rate(count, () -> bundles(count)));
    return rates;
  }

  private interface Run {
    void run() throws Exception;
  }

  private static double rate(int count, Run run) throws Exception {
    long start = System.nanoTime();
    run.run();
    return IntakeScenario.round(count / ((System.nanoTime() - start) / 1e9));
  }

  private void singles(int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger left = new AtomicInteger(count);
      Future<?>[] workers = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        workers[t] = pool.submit(() -> {
          while (left.getAndDecrement() > 0) {
            Communication c = next();
            ehr.create().resource(c).conditional()
                .where(Communication.IDENTIFIER.exactly().systemAndIdentifier(
                    CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM, c.getIdentifierFirstRep().getValue()))
                .execute();
          }
          return null;
        });
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void bundles(int count) {
    for (int from = 0; from < count; from += PER_BUNDLE) {
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      for (int i = from; i < Math.min(count, from + PER_BUNDLE); i++) {
        Communication c = next();
        tx.addEntry().setResource(c).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Communication")
            .setIfNoneExist("identifier=" + CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM + "|"
                + c.getIdentifierFirstRep().getValue());
      }
      ehr.transaction().withBundle(tx).execute();
    }
  }

  private Communication next() {
    Communication c = template.copy();
    c.setIdentifier(new java.util.ArrayList<>());
    c.addIdentifier(new Identifier().setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM)
        .setValue("bench-raw-" + sequence.incrementAndGet()));
    return c;
  }
}
