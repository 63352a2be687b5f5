package org.memberhub.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberhub.command.config.CommandProperties;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.FindPoisonedDueTransitionsQuery;
import org.memberhub.kernel.points.PoisonedDueTransitions;
import org.memberhub.kernel.points.ProcessDueTransitionsCommand;
import org.memberhub.kernel.points.RetryPoisonedDueTransitionsCommand;

/** The sweep wakes every due member, however many keep failing ahead of it, and gives up on those in the end. */
class DueTransitionSweeperTest {

    private static final Instant START = Instant.parse("2026-11-23T04:00:00Z");
    private static final int BATCH = 200;
    private static final int ATTEMPTS = 4;
    private static final Duration BACK_OFF = Duration.ofSeconds(30);

    private final InMemoryDueSchedule schedule = new InMemoryDueSchedule();
    private final MovingClock clock = new MovingClock();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Set<MemberId> broken = new HashSet<>();
    private final Set<MemberId> racing = new HashSet<>();
    private final List<MemberId> woken = new ArrayList<>();
    private DueTransitionSweeper sweeper;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(ProcessDueTransitionsCommand.class.getName(), message -> {
            MemberId member = ((ProcessDueTransitionsCommand) message.getPayload()).memberId();
            if (broken.contains(member)) {
                throw new AggregateNotFoundException(member.toString(), "cannot be loaded");
            }
            if (racing.contains(member)) {
                throw new ConcurrencyException("another instance appended first");
            }
            woken.add(member);
            schedule.set(member, null);
            return null;
        });
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        CommandProperties properties = new CommandProperties(
                50,
                true,
                Duration.ofSeconds(1),
                BATCH,
                ATTEMPTS,
                BACK_OFF,
                Duration.ofMinutes(2),
                20000,
                Duration.ofMinutes(10),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        sweeper = new DueTransitionSweeper(schedule, gateway, clock, properties, metrics);
    }

    @Test
    void membersThatKeepFailingAheadOfTheScheduleNeverHoldBackALaterOne() {
        for (int i = 0; i < BATCH + 50; i++) {
            MemberId member = MemberId.newId();
            broken.add(member);
            schedule.set(member, START.minusSeconds(3600 - i));
        }
        MemberId good = MemberId.newId();
        schedule.set(good, START.minusSeconds(1));

        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(woken).containsExactly(good);
        assertThat(schedule.rows.values()).allSatisfy(row -> {
            assertThat(row.attempts).isEqualTo(1);
            assertThat(row.wakeAt).isEqualTo(START.plus(BACK_OFF));
        });
    }

    @Test
    void triesAFailingMemberAgainWithBackOffThenPoisonsAndSkipsIt() {
        MemberId member = MemberId.newId();
        broken.add(member);
        schedule.set(member, START.minusSeconds(1));

        List<Instant> attempts = new ArrayList<>();
        for (int sweep = 0; sweep < 40; sweep++) {
            int before = schedule.rows.get(member).attempts;
            sweeper.sweep();
            if (schedule.rows.get(member).attempts > before) {
                attempts.add(clock.instant());
            }
            clock.advance(Duration.ofSeconds(15));
        }

        assertThat(attempts)
                .containsExactly(START, START.plusSeconds(30), START.plusSeconds(90), START.plusSeconds(210));
        InMemoryDueSchedule.Row row = schedule.rows.get(member);
        assertThat(row.attempts).isEqualTo(ATTEMPTS);
        assertThat(row.wakeAt).isNull();
        assertThat(row.poisonedAt).isEqualTo(START.plusSeconds(210));
        assertThat(metrics.get("memberhub.sweep.poisoned").gauge().value()).isEqualTo(1.0);
        assertThat(metrics.get("memberhub.sweep.failures").counter().count()).isEqualTo(ATTEMPTS);

        PoisonedDueTransitions listed = sweeper.handle(new FindPoisonedDueTransitionsQuery(10));
        assertThat(listed.count()).isEqualTo(1);
        assertThat(listed.members()).singleElement().satisfies(poisoned -> {
            assertThat(poisoned.memberId()).isEqualTo(member);
            assertThat(poisoned.attempts()).isEqualTo(ATTEMPTS);
            assertThat(poisoned.lastFailure()).isEqualTo(AggregateNotFoundException.class.getName());
        });
    }

    @Test
    void aRetryPutsPoisonedMembersBackAndTheyAreWokenOnceTheyWork() {
        MemberId member = MemberId.newId();
        broken.add(member);
        schedule.set(member, START.minusSeconds(1));
        for (int sweep = 0; sweep < ATTEMPTS; sweep++) {
            sweeper.sweep();
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(schedule.poisonedCount()).isEqualTo(1);
        assertThat(sweeper.sweep()).isZero();

        broken.remove(member);
        assertThat(sweeper.handle(new RetryPoisonedDueTransitionsCommand())).isEqualTo(1);
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(woken).containsExactly(member);
        assertThat(schedule.poisonedCount()).isZero();
    }

    @Test
    void failuresThatSayNothingAboutTheMemberPostponeItWithoutCounting() {
        MemberId member = MemberId.newId();
        racing.add(member);
        schedule.set(member, START.minusSeconds(1));
        for (int sweep = 0; sweep < ATTEMPTS * 3; sweep++) {
            sweeper.sweep();
            clock.advance(BACK_OFF);
        }
        InMemoryDueSchedule.Row row = schedule.rows.get(member);
        assertThat(row.attempts).isZero();
        assertThat(row.poisonedAt).isNull();
        assertThat(row.wakeAt).isAfter(clock.instant().minus(BACK_OFF));
    }

    @Test
    void backOffDoublesUpToItsLimit() {
        assertThat(sweeper.backOff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(sweeper.backOff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(sweeper.backOff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(sweeper.backOff(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(sweeper.backOff(60)).isEqualTo(Duration.ofMinutes(2));
    }

    private static final class MovingClock extends Clock {
        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
