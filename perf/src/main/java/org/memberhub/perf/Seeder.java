package org.memberhub.perf;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the data set through the product's own write paths: members registered through the API, their purchases and
 * refunds through the API or Kafka, then some frozen and some deleted through the API. Measures itself.
 */
final class Seeder {

    private static final Logger log = LoggerFactory.getLogger(Seeder.class);
    private static final int ATTEMPTS = 6;
    private static final double FREEZE_POOL = 0.05;

    /**
     * How the seeding went.
     *
     * @param members members asked for
     * @param registered members registered
     * @param commands commands the application accepted
     * @param failed commands that failed after retries
     * @param retries commands tried again (conflicts, 5xx, lost connections)
     * @param seconds time from the first registration to the last command accepted
     * @param catchUpSeconds time after that until every read model had caught up
     * @param phases the phases in order
     * @param via how purchases reached the application
     * @param clients concurrent HTTP clients
     */
    record Result(
            int members,
            int registered,
            long commands,
            long failed,
            long retries,
            double seconds,
            double catchUpSeconds,
            List<Phase> phases,
            String via,
            int clients) {

        double membersPerSecond() {
            return seconds > 0 ? registered / seconds : 0;
        }

        double commandsPerSecond() {
            return seconds > 0 ? commands / seconds : 0;
        }
    }

    /** A phase of the seeding: what it did, how many commands, how long. */
    record Phase(String name, long commands, double seconds) {}

    private final Api api;
    private final String token;
    private final Population population;
    private final int clients;
    private final SuiteOptions.SeedVia via;
    private final KafkaBroker kafka;
    private final Projections projections;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    Seeder(
            Api api,
            String token,
            Population population,
            int clients,
            SuiteOptions.SeedVia via,
            KafkaBroker kafka,
            Projections projections) {
        this.api = api;
        this.token = token;
        this.population = population;
        this.clients = clients;
        this.via = via;
        this.kafka = kafka;
        this.projections = projections;
    }

    record Outcome(Result result, DataSet data) {}

    Outcome seed(int count) throws Exception {
        List<Population.Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(population.member(i));
        }
        String[] ids = new String[count];
        List<Phase> phases = new ArrayList<>();
        long started = System.nanoTime();

        phases.add(phase(
                "register members",
                () -> Workers.run("registered", clients, count, i -> {
                    Api.Response response = command(() -> api.post(
                            "/api/v1/members", token, Json.write(members.get(i).profile())));
                    if (response.status() == 201) {
                        ids[i] = response.json().get("id").asText();
                    }
                })));
        phases.add(
                via == SuiteOptions.SeedVia.KAFKA
                        ? phase("purchases and refunds through Kafka", () -> ordersThroughKafka(members, ids))
                        : phase(
                                "purchases and refunds through the API",
                                () -> Workers.run(
                                        "members with orders",
                                        clients,
                                        count,
                                        i -> ordersThroughApi(members, ids, i))));
        phases.add(phase(
                "freeze and delete",
                () -> Workers.run("fates", clients, count, i -> {
                    String id = ids[i];
                    switch (members.get(i).fate()) {
                        case FROZEN -> command(
                                () -> api.post("/api/v1/members/" + id + "/freeze", token, "{\"reason\":\"seed\"}"));
                        case DELETED -> command(() -> api.delete("/api/v1/members/" + id + "?reason=seed", token));
                        case ACTIVE -> {}
                    }
                })));
        double seconds = (System.nanoTime() - started) / 1e9;

        long caughtUp = System.nanoTime();
        projections.awaitCaughtUp(Duration.ofMinutes(10).plusSeconds(count / 20));
        double catchUp = (System.nanoTime() - caughtUp) / 1e9;

        int registered = (int) Arrays.stream(ids).filter(Objects::nonNull).count();
        Result result = new Result(
                count,
                registered,
                commands.get(),
                failed.get(),
                retries.get(),
                seconds,
                catchUp,
                phases,
                via.name().toLowerCase(Locale.ROOT),
                clients);
        return new Outcome(result, dataSet(members, ids));
    }

    private void ordersThroughApi(List<Population.Member> members, String[] ids, int i) throws Exception {
        Population.Member member = members.get(i);
        String id = ids[i];
        if (id == null) {
            return;
        }
        String path = "/api/v1/members/" + id;
        for (int k = 0; k < member.purchases().size(); k++) {
            String body = purchase("seed-" + i + "-" + k, member.purchases().get(k));
            command(() -> api.post(path + "/purchases", token, body));
        }
        if (member.refund() != null) {
            String order = "seed-" + i + "-r";
            command(() -> api.post(path + "/purchases", token, purchase(order, member.refund())));
            command(() -> api.post(path + "/refunds", token, refund(order, member.refund())));
        }
    }

    /** Purchases first, then refunds: a refund that overtakes its purchase is retried by the application anyway. */
    private void ordersThroughKafka(List<Population.Member> members, String[] ids) throws Exception {
        long sent = 0;
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < members.size(); i++) {
                Population.Member member = members.get(i);
                if (ids[i] == null) {
                    continue;
                }
                List<String> orders = new ArrayList<>();
                for (int k = 0; k < member.purchases().size(); k++) {
                    orders.add(message(
                            "seed-" + i + "-" + k, ids[i], member.purchases().get(k)));
                }
                if (member.refund() != null) {
                    orders.add(message("seed-" + i + "-r", ids[i], member.refund()));
                }
                for (String order : orders) {
                    producer.send(new ProducerRecord<>(KafkaBroker.PURCHASES, ids[i], order));
                    sent++;
                }
            }
            for (int i = 0; i < members.size(); i++) {
                Population.Member member = members.get(i);
                if (ids[i] != null && member.refund() != null) {
                    Map<String, Object> refund = new LinkedHashMap<>();
                    refund.put("eventId", "seed-" + i + "-rf");
                    refund.put("refundId", "seed-" + i + "-rf");
                    refund.put("orderId", "seed-" + i + "-r");
                    refund.put("memberId", ids[i]);
                    refund.put("amount", member.refund().toPlainString());
                    producer.send(new ProducerRecord<>(KafkaBroker.REFUNDS, ids[i], Json.write(refund)));
                    sent++;
                }
            }
            producer.flush();
        }
        log.info("  published {} purchases and refunds; waiting for the application to consume them", sent);
        Poll.until(
                "the application to consume every order",
                Duration.ofMinutes(30),
                Duration.ofMillis(500),
                () -> kafka.consumerLag(KafkaBroker.PURCHASES) == 0 && kafka.consumerLag(KafkaBroker.REFUNDS) == 0);
        long deadLettered =
                kafka.messages(KafkaBroker.PURCHASES + ".dlt") + kafka.messages(KafkaBroker.REFUNDS + ".dlt");
        commands.addAndGet(sent - deadLettered);
        failed.addAndGet(deadLettered);
    }

    private static String message(String orderId, String memberId, BigDecimal amount) {
        Map<String, Object> purchase = new LinkedHashMap<>();
        purchase.put("eventId", orderId);
        purchase.put("orderId", orderId);
        purchase.put("memberId", memberId);
        purchase.put("amount", amount.toPlainString());
        purchase.put("currency", "CNY");
        return Json.write(purchase);
    }

    private static String purchase(String orderId, BigDecimal amount) {
        return "{\"orderId\":\"" + orderId + "\",\"amount\":" + amount.toPlainString() + "}";
    }

    private static String refund(String orderId, BigDecimal amount) {
        return "{\"refundId\":\"" + orderId + "f\",\"orderId\":\"" + orderId + "\",\"amount\":" + amount.toPlainString()
                + "}";
    }

    /**
     * Sends a command, again after a concurrent change, a 5xx or a lost connection; counts it as accepted or failed.
     */
    private Api.Response command(Callable<Api.Response> call) throws Exception {
        Api.Response response = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                response = call.call();
                boolean transientFailure = response.status() >= 500
                        || response.status() == 409 && "CONCURRENT_MODIFICATION".equals(response.code());
                if (!transientFailure) {
                    break;
                }
            } catch (IOException lost) {
                if (attempt == ATTEMPTS) {
                    throw lost;
                }
            }
            retries.incrementAndGet();
            Thread.sleep(50L << attempt);
        }
        if (response != null && response.ok()) {
            commands.incrementAndGet();
        } else {
            failed.incrementAndGet();
            if (failed.get() <= 5) {
                log.warn(
                        "  a seeding command failed: {} {}",
                        response == null ? "no answer" : response.status(),
                        response == null ? "" : response.body());
            }
        }
        return response;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private Phase phase(String name, Work work) throws Exception {
        long before = commands.get();
        long started = System.nanoTime();
        log.info("seeding: {}", name);
        work.run();
        Phase phase = new Phase(name, commands.get() - before, (System.nanoTime() - started) / 1e9);
        log.info(
                "  {} commands in {} s ({}/s)",
                phase.commands(),
                Math.round(phase.seconds()),
                Math.round(phase.commands() / Math.max(phase.seconds(), 0.001)));
        return phase;
    }

    private static DataSet dataSet(List<Population.Member> members, String[] ids) {
        List<String> readable = new ArrayList<>();
        List<String> active = new ArrayList<>();
        List<String> mobiles = new ArrayList<>();
        Map<Integer, Integer> levels = new TreeMap<>();
        int frozen = 0;
        int deleted = 0;
        int tagged = 0;
        for (int i = 0; i < members.size(); i++) {
            Population.Member member = members.get(i);
            if (ids[i] == null) {
                continue;
            }
            levels.merge(member.level(), 1, Integer::sum);
            tagged += member.profile().containsKey("tags") ? 1 : 0;
            switch (member.fate()) {
                case DELETED -> deleted++;
                case FROZEN -> {
                    frozen++;
                    readable.add(ids[i]);
                }
                case ACTIVE -> {
                    readable.add(ids[i]);
                    active.add(ids[i]);
                    mobiles.add(member.mobile());
                }
            }
        }
        Random random = new Random(7);
        Collections.shuffle(readable, random);
        Collections.shuffle(active, random);
        Collections.shuffle(mobiles, random);
        int pool = active.isEmpty() ? 0 : Math.max(1, (int) Math.round(active.size() * FREEZE_POOL));
        List<String> freezePool = List.copyOf(active.subList(0, pool));
        List<String> others = List.copyOf(active.subList(pool, active.size()));
        return new DataSet(
                members.size(),
                List.copyOf(readable),
                others,
                freezePool,
                List.copyOf(mobiles),
                frozen,
                deleted,
                tagged,
                levels);
    }
}
