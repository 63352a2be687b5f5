package org.memberhub.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the database alone does on this machine, measured in the same run with pgbench on a scratch database of its
 * own: durable single-row inserts and select-only, 16 clients each. Every other figure is also given as a ratio to
 * these.
 */
final class BaselineScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(BaselineScenario.class);

    static final String NAME = "baseline";
    static final String SELECT_ONLY = "selectOnlyTps";
    static final String INSERTS = "insertTps";
    private static final int CLIENTS = 16;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final Duration duration;
    private final int scale;
    private final String database;

    BaselineScenario(Duration duration, int scale, String database) {
        this.duration = duration;
        this.scale = scale;
        this.database = database;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsApplication() {
        return false;
    }

    @Override
    public ScenarioResult run(RunContext context) throws Exception {
        DatabaseServer server = context.options().database();
        Path out = context.scenarioDir(NAME);
        Files.createDirectories(out);
        server.dropIfExists(database);
        server.create(database);
        try {
            pgbench(server, out.resolve("init.log"), List.of("-i", "-q", "-s", Integer.toString(scale)));
            try (Connection connection = server.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE purchase_like (id bigserial PRIMARY KEY, member_id uuid NOT NULL,"
                        + " amount numeric(12,2) NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL"
                        + " DEFAULT now())");
            }
            Path insert = out.resolve("insert.sql");
            Files.writeString(
                    insert,
                    "INSERT INTO purchase_like (member_id, amount, payload)"
                            + " VALUES (gen_random_uuid(), random() * 1000, repeat('x', 200));\n");
            long begun = System.currentTimeMillis();
            List<ScenarioResult.Step> steps = new ArrayList<>();
            steps.add(measure(context, server, out, "select-only", List.of("-S")));
            steps.add(measure(context, server, out, "durable inserts", List.of("-n", "-f", insert.toString())));
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put(SELECT_ONLY, steps.get(0).figures().get("tps"));
            figures.put(INSERTS, steps.get(1).figures().get("tps"));
            return new ScenarioResult(
                    NAME,
                    "pgbench on the same PostgreSQL: select-only (-S, scale " + scale + ") and single-row inserts"
                            + " committed one by one (synchronous_commit as the server has it), on a scratch database",
                    CLIENTS + " clients, 2 threads, " + Durations.format(duration) + " each",
                    "pgbench " + version(),
                    null,
                    context.sampler().figures(begun, System.currentTimeMillis()),
                    figures,
                    steps,
                    null,
                    List.of(),
                    null);
        } finally {
            server.dropIfExists(database);
        }
    }

    private ScenarioResult.Step measure(
            RunContext context, DatabaseServer server, Path out, String name, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(arguments);
        command.addAll(List.of(
                "-c", Integer.toString(CLIENTS), "-j", "2", "-T", Long.toString(Math.max(1, duration.toSeconds()))));
        long started = System.currentTimeMillis();
        String output = pgbench(server, out.resolve(name.replace(' ', '-') + ".log"), command);
        long ended = System.currentTimeMillis();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("tps", number(TPS, output, name));
        Matcher latency = LATENCY.matcher(output);
        if (latency.find()) {
            figures.put("latencyAvgMs", Double.parseDouble(latency.group(1)));
        }
        log.info("  pgbench {}: {} tps", name, Math.round(figures.get("tps")));
        return new ScenarioResult.Step(name, null, context.sampler().figures(started, ended), figures);
    }

    private String pgbench(DatabaseServer server, Path logFile, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("pgbench", "-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.user()));
        command.addAll(arguments);
        command.add(database);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("PGPASSWORD", server.password());
        Process process = builder.start();
        if (!process.waitFor(duration.toSeconds() + 600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish; see " + logFile);
        }
        String output = Files.readString(logFile);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed (" + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    private static double number(Pattern pattern, String output, String what) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no tps in pgbench's output of " + what + ":\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    static String version() {
        try {
            Process process = new ProcessBuilder("pgbench", "--version").start();
            String version = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return version.replaceAll("^pgbench \\(PostgreSQL\\) ", "");
        } catch (IOException e) {
            return "(not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static boolean available() {
        return !version().equals("(not found)");
    }
}
