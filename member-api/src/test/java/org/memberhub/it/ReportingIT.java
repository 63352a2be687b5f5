package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.memberhub.it.TestMembers.member;
import static org.memberhub.it.TestMembers.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.memberhub.command.member.DueTransitionSweeper;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A scripted population of 20 members over two years through purchases, refunds, check-ins, adjustments, spending,
 * benefits (used and bought), activities (full, level-restricted, never opened), a freeze, a deletion, a debt and
 * expiries, on PostgreSQL with a clock the test moves. The test keeps its own model of every member's lots, levels and
 * debt (the SPEC's rules, written again here) and checks every row of every report, in JSON and CSV, against it; then
 * it rebuilds the reporting projection from the events and finds the same figures.
 */
@PostgresIT
@Import(ControlledTime.class)
@TestPropertySource(properties = "memberhub.command.sweep-enabled=false")
@DirtiesContext
class ReportingIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant START = ControlledTime.START;

    private static final BigDecimal[] MULTIPLIER = {
        null, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("1.2"), new BigDecimal("1.5"), new BigDecimal("2")
    };
    private static final long[] THRESHOLD_YUAN = {0, 0, 500, 2000, 5000, 10000};
    private static final long[] FIRST_PURCHASE = {600, 300, 2500, 100, 6000};

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    DueTransitionSweeper sweeper;

    // ---------------------------------------------------------------- the test's own model

    static final class Lot {
        final int no;
        long remaining;
        boolean pending;
        final Instant releaseAt;
        final Instant expiresAt;
        final String order;

        Lot(int no, long remaining, boolean pending, Instant releaseAt, Instant expiresAt, String order) {
            this.no = no;
            this.remaining = remaining;
            this.pending = pending;
            this.releaseAt = releaseAt;
            this.expiresAt = expiresAt;
            this.order = order;
        }
    }

    static final class Model {
        final String id;
        final LocalDate joinedOn;
        final List<Lot> lots = new ArrayList<>();
        final Map<String, long[]> orders = new LinkedHashMap<>(); // order -> {amount yuan, points}
        int nextLot = 1;
        long netSpend;
        int level = 1;
        long debt;
        String status = "ACTIVE";

        Model(String id, LocalDate joinedOn) {
            this.id = id;
            this.joinedOn = joinedOn;
        }
    }

    private final List<Model> members = new ArrayList<>();
    private final Map<String, Long> points = new TreeMap<>(); // day|kind|reason -> points
    private final Map<String, Long> entries = new TreeMap<>();
    private final Map<String, Long> movements = new TreeMap<>(); // day|kind|from|to -> count
    private final Map<String, long[]> usage = new TreeMap<>(); // day|benefit|level -> {uses, bought, paid}
    private final Map<String, long[]> participation = new LinkedHashMap<>(); // activity -> {participants, points}
    private final Map<String, ActivityModel> activities = new LinkedHashMap<>();

    record ActivityModel(List<Integer> levels, int capacity, long reward) {}

    @Test
    void everyReportFigureIsWhatTheScriptGives() {
        // days 0-4: four members a day, each buys and checks in; some get a goodwill adjustment; the next day the
        // 600-yuan buyers return 200 (Bronze lost again), two days on the Silver members buy 1 000 more (×1.2)
        for (int day = 0; day <= 6; day++) {
            at(day);
            for (Model m : members) {
                int i = members.indexOf(m);
                if (i % 5 == 0 && m.joinedOn.equals(today().minusDays(1))) {
                    refund(m, "r-" + i, "o-" + i + "-1", 200);
                }
                if (i % 5 == 2 && m.joinedOn.equals(today().minusDays(2)) && !m.status.equals("DELETED")) {
                    purchase(m, "o-" + i + "-2", 1000);
                }
            }
            if (day == 3) {
                freeze(members.get(3));
            }
            if (day == 4) {
                delete(members.get(7));
            }
            for (int k = 0; day <= 4 && k < 4; k++) {
                Model m = register();
                int i = members.size() - 1;
                purchase(m, "o-" + i + "-1", FIRST_PURCHASE[i % 5]);
                checkIn(m);
                if (i % 4 == 1) {
                    adjust(m, 50);
                }
            }
        }

        // day 13: activities; day 14: all purchases released, spending, benefits and joins
        at(13);
        String a = activity("Spring fair", day(13), day(30), List.of(), 5, 20);
        String b = activity("Silver club", day(13), day(30), List.of(3, 4, 5), 10, 30);
        String c = activity("Never opened", day(40), day(50), List.of(), 3, 10);
        open(a);
        open(b);
        participation.put(c, new long[] {0, 0});
        at(14);
        sweepAll();
        for (Model m : members) {
            int i = members.indexOf(m);
            if (i % 5 == 4) {
                spend(m, "s-" + i, 1000, 100);
                buy(m, "free-shipping", "p-" + i, 500);
                use(m, "dedicated-service", "u-" + i + "-d");
            }
            if (i % 5 == 2 && m.status.equals("ACTIVE")) {
                use(m, "free-shipping", "u-" + i + "-1");
                use(m, "free-shipping", "u-" + i + "-2");
            }
        }
        assertThat(api.post(path(members.get(1)) + "/benefits/free-shipping/use", "{\"useId\":\"x\"}")
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("BENEFIT_NOT_GRANTED");
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 8}) {
            join(a, members.get(i));
        }
        for (int i : new int[] {2, 9, 12, 14, 17, 19, 4, 1}) {
            join(b, members.get(i));
        }

        // day 15: the Gold member 19 returns everything after spending: the rest is a debt
        at(15);
        refund(members.get(19), "r-19", "o-19-1", 6000);
        assertThat(members.get(19).debt).isEqualTo(1465);

        // day 60: some check in again
        at(60);
        for (Model m : members) {
            if (members.indexOf(m) % 3 == 0 && m.status.equals("ACTIVE")) {
                checkIn(m);
            }
        }

        // two years on: the first day's lots expire; some members buy again (pending points)
        clock.set(START.plus(Duration.ofDays(731)).plus(Duration.ofHours(6)));
        sweepAll();
        for (Model m : members) {
            int i = members.indexOf(m);
            if (i % 5 == 1 && m.status.equals("ACTIVE")) {
                purchase(m, "o-" + i + "-3", 300);
            }
        }
        assertThat(points.keySet()).anyMatch(key -> key.contains("|EXPIRED|"));

        awaitCaughtUp();
        Map<String, List<List<String>>> expected = expectedReports();
        for (var report : expected.entrySet()) {
            assertThat(rows(report.getKey())).as(report.getKey()).isEqualTo(report.getValue());
            assertThat(csvRows(report.getKey())).as(report.getKey() + ".csv").isEqualTo(report.getValue());
        }

        // a rebuild of the reporting projection from the events gives the same figures
        Response replay = api.post("/api/v1/admin/projections/reporting/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> api.get("/api/v1/admin/projections/reporting").json(),
                        status -> status.get("state").asText().equals("RUNNING")
                                && status.at("/replay/progress").asDouble() == 1.0
                                && status.get("lagEvents").asLong() == 0);
        awaitCaughtUp();
        for (var report : expected.entrySet()) {
            assertThat(rows(report.getKey()))
                    .as("after the rebuild: " + report.getKey())
                    .isEqualTo(report.getValue());
        }
    }

    // ---------------------------------------------------------------- script steps (API and model)

    private Model register() {
        String id = api.post("/api/v1/members", member("Reported " + members.size(), mobile(), null))
                .json()
                .get("id")
                .asText();
        Model m = new Model(id, today());
        members.add(m);
        return m;
    }

    private void purchase(Model m, String order, long yuan) {
        catchUp(m, tick());
        long earned = new BigDecimal(yuan)
                .multiply(MULTIPLIER[m.level])
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
        Response r = ok(api.post(path(m) + "/purchases", "{\"orderId\":\"" + order + "\",\"amount\":" + yuan + "}"));
        assertThat(r.json().at("/decision/pointsEarned").asLong()).as(order).isEqualTo(earned);
        m.orders.put(order, new long[] {yuan, earned});
        m.lots.add(new Lot(m.nextLot++, earned, true, now().plus(Duration.ofDays(7)), expiry(now()), order));
        count(ReportKind.ISSUED, "PURCHASE", earned);
        spendMoves(m, yuan);
    }

    private void refund(Model m, String refund, String order, long yuan) {
        catchUp(m, tick());
        long[] bought = m.orders.get(order);
        long reversed = bought[1] * yuan / bought[0];
        Response r = ok(api.post(
                path(m) + "/refunds",
                "{\"refundId\":\"" + refund + "\",\"orderId\":\"" + order + "\",\"amount\":" + yuan + "}"));
        long left = reversed;
        Lot own = m.lots.stream().filter(l -> order.equals(l.order)).findFirst().orElse(null);
        if (own != null) {
            long take = Math.min(left, own.remaining);
            own.remaining -= take;
            left -= take;
        }
        left = takeAvailable(m, left);
        m.debt += left;
        m.lots.removeIf(l -> l.remaining == 0);
        assertThat(r.json().at("/decision/pointsReversed").asLong()).as(refund).isEqualTo(reversed);
        count(ReportKind.REVERSED, "REFUND", reversed);
        spendMoves(m, -yuan);
    }

    private void checkIn(Model m) {
        catchUp(m, tick());
        ok(api.post(path(m) + "/points/earn", "{\"type\":\"CHECK_IN\"}"));
        earnAvailable(m, 5);
        count(ReportKind.ISSUED, "CHECK_IN", 5);
    }

    private void adjust(Model m, long delta) {
        catchUp(m, tick());
        ok(api.post(path(m) + "/points/adjust", "{\"points\":" + delta + ",\"reason\":\"goodwill\"}"));
        earnAvailable(m, delta);
        count(ReportKind.ISSUED, "ADJUSTMENT", delta);
    }

    private void spend(Model m, String order, long spent, long orderYuan) {
        catchUp(m, tick());
        ok(api.post(
                path(m) + "/points/spend",
                "{\"orderId\":\"" + order + "\",\"orderAmount\":" + orderYuan + ",\"points\":" + spent + "}"));
        assertThat(takeAvailable(m, spent)).isZero();
        m.lots.removeIf(l -> l.remaining == 0);
        count(ReportKind.SPENT, "ORDER_DEDUCTION", spent);
    }

    private void buy(Model m, String benefit, String purchase, long price) {
        catchUp(m, tick());
        ok(api.post(path(m) + "/benefits/" + benefit + "/buy", "{\"purchaseId\":\"" + purchase + "\"}"));
        assertThat(takeAvailable(m, price)).isZero();
        m.lots.removeIf(l -> l.remaining == 0);
        count(ReportKind.SPENT, "BENEFIT", price);
        long[] use = usage.computeIfAbsent(today() + "|" + benefit + "|" + m.level, k -> new long[3]);
        use[0]++;
        use[1]++;
        use[2] += price;
    }

    private void use(Model m, String benefit, String useId) {
        catchUp(m, tick());
        ok(api.post(path(m) + "/benefits/" + benefit + "/use", "{\"useId\":\"" + useId + "\"}"));
        usage.computeIfAbsent(today() + "|" + benefit + "|" + m.level, k -> new long[3])[0]++;
    }

    private String activity(String name, Instant from, Instant to, List<Integer> levels, int capacity, long reward) {
        tick();
        Response r = api.post(
                "/api/v1/activities",
                """
                {"name":"%s","startsAt":"%s","endsAt":"%s","levels":%s,"capacity":%d,"rewardPoints":%d}"""
                        .formatted(name, from, to, levels, capacity, reward));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asText();
        participation.put(id, new long[] {0, 0});
        activities.put(id, new ActivityModel(levels, capacity, reward));
        return id;
    }

    private void open(String activity) {
        tick();
        ok(api.post("/api/v1/activities/" + activity + "/open", null));
    }

    /** Joins if the member is active, of an eligible level and places are left; otherwise checks the refusal. */
    private void join(String activity, Model m) {
        catchUp(m, tick());
        Response r = api.post("/api/v1/activities/" + activity + "/participants", "{\"memberId\":\"" + m.id + "\"}");
        long[] p = participation.get(activity);
        ActivityModel terms = activities.get(activity);
        long reward = terms.reward();
        boolean eligible = terms.levels().isEmpty() || terms.levels().contains(m.level);
        if (!m.status.equals("ACTIVE")) {
            assertThat(r.json().get("code").asText()).isEqualTo("MEMBER_FROZEN");
        } else if (!eligible) {
            assertThat(r.json().get("code").asText()).isEqualTo("ACTIVITY_LEVEL_NOT_ELIGIBLE");
        } else if (p[0] >= terms.capacity()) {
            assertThat(r.json().get("code").asText()).isEqualTo("ACTIVITY_FULL");
        } else {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            p[0]++;
            p[1] += reward;
            earnAvailable(m, reward);
            count(ReportKind.ISSUED, "ACTIVITY", reward);
        }
    }

    private void freeze(Model m) {
        catchUp(m, tick());
        ok(api.post(path(m) + "/freeze", "{\"reason\":\"check\"}"));
        m.status = "FROZEN";
    }

    private void delete(Model m) {
        catchUp(m, tick());
        Response r = api.delete(path(m) + "?reason=asked");
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        m.status = "DELETED";
    }

    private void sweepAll() {
        Instant now = tick();
        while (sweeper.sweep() > 0) {
            // until nothing is due
        }
        for (Model m : members) {
            catchUp(m, now);
        }
    }

    // ---------------------------------------------------------------- the rules, again

    /** Releases and expiries that fell due, in time order; deleted members' clocks stand still. */
    private void catchUp(Model m, Instant now) {
        if (m.status.equals("DELETED")) {
            return;
        }
        List<Lot> due = m.lots.stream()
                .filter(l -> (l.pending && !l.releaseAt.isAfter(now)) || !l.expiresAt.isAfter(now))
                .sorted(Comparator.comparing(l -> l.pending ? l.releaseAt : l.expiresAt))
                .toList();
        for (Lot lot : due) {
            if (lot.pending && !lot.releaseAt.isAfter(now)) {
                lot.pending = false;
                long settled = Math.min(m.debt, lot.remaining);
                lot.remaining -= settled;
                m.debt -= settled;
            }
            if (!lot.expiresAt.isAfter(now) && lot.remaining > 0) {
                LocalDate day = LocalDate.ofInstant(now, SHANGHAI);
                add(points, day + "|EXPIRED|EXPIRY", lot.remaining);
                add(entries, day + "|EXPIRED|EXPIRY", 1);
                lot.remaining = 0;
            }
        }
        m.lots.removeIf(l -> l.remaining == 0);
    }

    private void earnAvailable(Model m, long earned) {
        long settled = Math.min(m.debt, earned);
        m.debt -= settled;
        m.lots.add(new Lot(m.nextLot++, earned - settled, false, null, expiry(now()), null));
        m.lots.removeIf(l -> l.remaining == 0);
    }

    /** Takes points from available lots, the first to expire first; answers what could not be taken. */
    private static long takeAvailable(Model m, long wanted) {
        Iterator<Lot> lots = m.lots.stream()
                .filter(l -> !l.pending && l.remaining > 0)
                .sorted(Comparator.comparing((Lot l) -> l.expiresAt).thenComparingInt(l -> l.no))
                .iterator();
        while (wanted > 0 && lots.hasNext()) {
            Lot lot = lots.next();
            long take = Math.min(wanted, lot.remaining);
            lot.remaining -= take;
            wanted -= take;
        }
        return wanted;
    }

    private void spendMoves(Model m, long yuan) {
        m.netSpend += yuan;
        int level = 1;
        for (int l = 1; l < THRESHOLD_YUAN.length; l++) {
            if (m.netSpend >= THRESHOLD_YUAN[l]) {
                level = l;
            }
        }
        if (level != m.level) {
            add(
                    movements,
                    today() + "|" + (level > m.level ? "UPGRADED" : "DOWNGRADED") + "|" + m.level + "|" + level,
                    1);
            m.level = level;
        }
    }

    private enum ReportKind {
        ISSUED,
        SPENT,
        REVERSED
    }

    private void count(ReportKind kind, String reason, long amount) {
        String key = today() + "|" + kind + "|" + reason;
        add(points, key, amount);
        add(entries, key, 1);
    }

    private static Instant expiry(Instant earned) {
        return earned.atZone(SHANGHAI).plusYears(2).toInstant();
    }

    // ---------------------------------------------------------------- expected reports

    private Map<String, List<List<String>>> expectedReports() {
        Map<String, List<List<String>>> reports = new LinkedHashMap<>();
        Instant now = now();
        LocalDate today = today();

        Map<String, Long> byLevelAndStatus = new TreeMap<>();
        Map<LocalDate, Long> joined = new TreeMap<>();
        long[] tenure = new long[7];
        int[] bounds = {30, 90, 180, 365, 730, 1095, Integer.MAX_VALUE};
        for (Model m : members) {
            add(byLevelAndStatus, m.level + "|" + m.status, 1);
            joined.merge(m.joinedOn, 1L, Long::sum);
            if (!m.status.equals("DELETED")) {
                long days = ChronoUnit.DAYS.between(m.joinedOn, today);
                for (int i = 0; i < bounds.length; i++) {
                    if (days < bounds[i]) {
                        tenure[i]++;
                        break;
                    }
                }
            }
        }
        reports.put("members-by-level-and-status", split(byLevelAndStatus));
        reports.put(
                "new-members-per-day?from=2026-03-01&to=2026-03-31",
                joined.entrySet().stream()
                        .map(e -> List.of(e.getKey().toString(), e.getValue().toString()))
                        .toList());
        String[] buckets = {
            "0-29 days", "30-89 days", "90-179 days", "180-364 days", "1 year", "2 years", "3 years or more"
        };
        List<List<String>> tenureRows = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            tenureRows.add(List.of(buckets[i], Long.toString(tenure[i])));
        }
        reports.put("tenure-distribution", tenureRows);

        String range = "?from=2026-03-01&to=" + today;
        reports.put(
                "points-per-day" + range,
                points.entrySet().stream()
                        .map(e -> {
                            List<String> row =
                                    new ArrayList<>(List.of(e.getKey().split("\\|")));
                            row.add(e.getValue().toString());
                            row.add(entries.get(e.getKey()).toString());
                            return row;
                        })
                        .toList());

        long available = 0;
        long pending = 0;
        long debt = 0;
        for (Model m : members) {
            debt += m.debt;
            for (Lot lot : m.lots) {
                if (lot.pending) {
                    pending += lot.remaining;
                } else {
                    available += lot.remaining;
                }
            }
        }
        reports.put(
                "points-liability",
                List.of(List.of(
                        Long.toString(available),
                        Long.toString(pending),
                        Long.toString(debt),
                        Long.toString(available + pending - debt))));

        List<List<String>> expiring = new ArrayList<>();
        for (int days : new int[] {30, 90}) {
            Instant limit = now.plus(Duration.ofDays(days));
            long sum = 0;
            long lots = 0;
            long owners = 0;
            for (Model m : members) {
                long mine = m.lots.stream()
                        .filter(l -> l.remaining > 0 && l.expiresAt.isBefore(limit))
                        .count();
                lots += mine;
                owners += mine > 0 ? 1 : 0;
                sum += m.lots.stream()
                        .filter(l -> l.remaining > 0 && l.expiresAt.isBefore(limit))
                        .mapToLong(l -> l.remaining)
                        .sum();
            }
            expiring.add(
                    List.of(Integer.toString(days), Long.toString(sum), Long.toString(lots), Long.toString(owners)));
        }
        reports.put("points-expiring", expiring);

        Map<String, String[]> names = Map.of(
                "free-shipping", new String[] {"Free shipping", "FREE_SHIPPING"},
                "dedicated-service", new String[] {"Dedicated customer service", "EXCLUSIVE_SERVICE"});
        reports.put(
                "benefit-usage" + range,
                usage.entrySet().stream()
                        .map(e -> {
                            String[] key = e.getKey().split("\\|");
                            long[] v = e.getValue();
                            return List.of(
                                    key[0],
                                    key[1],
                                    names.get(key[1])[0],
                                    names.get(key[1])[1],
                                    key[2],
                                    Long.toString(v[0]),
                                    Long.toString(v[1]),
                                    Long.toString(v[2]));
                        })
                        .toList());

        reports.put(
                "activity-participation",
                participation.entrySet().stream()
                        .map(e -> {
                            JsonNode activity =
                                    api.get("/api/v1/activities/" + e.getKey()).json();
                            return List.of(
                                    e.getKey(),
                                    activity.at("/terms/name").asText(),
                                    activity.get("status").asText(),
                                    Instant.parse(activity.at("/terms/startsAt").asText())
                                            .toString(),
                                    Instant.parse(activity.at("/terms/endsAt").asText())
                                            .toString(),
                                    activity.at("/terms/capacity").asText(),
                                    Long.toString(e.getValue()[0]),
                                    Long.toString(e.getValue()[1]));
                        })
                        .sorted(Comparator.comparing((List<String> row) -> row.get(3))
                                .thenComparing(row -> row.get(0)))
                        .toList());

        reports.put("level-movements-per-day" + range, split(movements));
        return reports;
    }

    private static List<List<String>> split(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> {
                    List<String> row = new ArrayList<>(List.of(e.getKey().split("\\|")));
                    row.add(e.getValue().toString());
                    return row;
                })
                .toList();
    }

    // ---------------------------------------------------------------- reading reports

    private List<List<String>> rows(String report) {
        Response r = api.get("/api/v1/stats/" + report);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode table = r.json();
        List<String> columns = new ArrayList<>();
        table.get("columns").forEach(c -> columns.add(c.asText()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : table.get("rows")) {
            rows.add(columns.stream().map(c -> text(row.get(c))).toList());
        }
        return rows;
    }

    private static String text(JsonNode value) {
        return instantsNormalized(value.asText());
    }

    /** Instants as {@link Instant#toString()} writes them, whatever precision the server wrote. */
    private static String instantsNormalized(String text) {
        return text.length() > 19 && text.charAt(10) == 'T'
                ? Instant.parse(text).toString()
                : text;
    }

    private List<List<String>> csvRows(String report) {
        String path = report.contains("?") ? report.replace("?", ".csv?") : report + ".csv";
        Response r = api.get("/api/v1/stats/" + path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        List<String> lines = List.of(r.body().split("\r\n"));
        return lines.stream()
                .skip(1)
                .map(line -> Stream.of(line.split(",", -1))
                        .map(ReportingIT::instantsNormalized)
                        .toList())
                .toList();
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/admin/projections").json().findValues("lagEvents").stream()
                        .allMatch(lag -> lag.asLong() == 0));
    }

    // ---------------------------------------------------------------- helpers

    /** Moves the clock to 10:00 (Shanghai) of the script's day. */
    private void at(int day) {
        clock.set(day(day));
    }

    private static Instant day(int day) {
        return START.plus(Duration.ofDays(day));
    }

    private Instant tick() {
        clock.advance(Duration.ofMinutes(1));
        return now();
    }

    private Instant now() {
        return clock.instant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(now(), SHANGHAI);
    }

    private static String path(Model m) {
        return "/api/v1/members/" + m.id;
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static void add(Map<String, Long> totals, String key, long amount) {
        totals.merge(key, amount, Long::sum);
    }
}
