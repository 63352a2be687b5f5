package org.memberhub.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.config.ProcessingGroup;
import org.memberhub.query.projection.EventStreamBacklog;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/** The dependency rules of SPEC §2, beyond what the Maven module graph already enforces. */
@AnalyzeClasses(packages = "org.memberhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sharedKernelHoldsOnlyMessagesAndRules = classes()
            .that()
            .resideInAPackage("org.memberhub.kernel..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "org.memberhub.kernel..",
                    "java..",
                    "org.axonframework.modelling.command..",
                    "org.axonframework.serialization..",
                    "com.fasterxml.jackson.annotation..")
            .because("the shared kernel is plain Java with Axon and Jackson annotations only (no Spring, no jOOQ)");

    @ArchTest
    static final ArchRule kernelNeverSeesTheModules = noClasses()
            .that()
            .resideInAPackage("org.memberhub.kernel..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.memberhub.command..",
                    "org.memberhub.query..",
                    "org.memberhub.sync..",
                    "org.memberhub.api..",
                    "org.memberhub.config..")
            .because(
                    "the kernel holds what the modules share; the Member aggregate's decisions live in member-command");

    @ArchTest
    static final ArchRule memberFoldHoldsStateNotDecisions = noClasses()
            .that()
            .resideInAPackage("org.memberhub.kernel.fold..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.memberhub.kernel.error..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Command")
            .because("the fold only applies events: refusals and commands belong to the rules in member-command");

    @ArchTest
    static final ArchRule memberFoldIsUsedToFoldOnly = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "org.memberhub.kernel.fold..", "org.memberhub.command.member..", "org.memberhub.query.audit..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.memberhub.kernel.fold..")
            .because("the Member aggregate and the audit's state as of an instant fold events with it; no message,"
                    + " query response or API type exposes its inner state");

    @ArchTest
    static final ArchRule memberRulesArePackagePrivate = classes()
            .that()
            .resideInAPackage("org.memberhub.command.member..")
            .and()
            .haveNameMatching(".*(Rules|Transitions|Changes)")
            .should()
            .notBePublic()
            .because("the Member aggregate's rules are its own: only it decides with them");

    @ArchTest
    static final ArchRule commandSideNeverSeesTheReadSide = noClasses()
            .that()
            .resideInAPackage("org.memberhub.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.memberhub.query..", "org.memberhub.sync..", "org.memberhub.api..", "org.jooq..")
            .because("the command side decides from its own events and lookup tables, never from read models");

    @ArchTest
    static final ArchRule querySideNeverSendsCommands = noClasses()
            .that()
            .resideInAPackage("org.memberhub.query..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.memberhub.command..",
                    "org.memberhub.sync..",
                    "org.memberhub.api..",
                    "org.axonframework.commandhandling..")
            .because("projections and query handlers only read, and never compile against the write model");

    @ArchTest
    static final ArchRule integrationsUseTheGateways = noClasses()
            .that()
            .resideInAPackage("org.memberhub.sync..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.memberhub.command..", "org.memberhub.query..", "org.memberhub.api..")
            .allowEmptyShould(true); // member-sync has no classes until the integrations arrive

    @ArchTest
    static final ArchRule restTalksToTheSidesOnlyThroughGateways = noClasses()
            .that()
            .resideInAPackage("org.memberhub.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.memberhub.command..", "org.memberhub.query..", "org.memberhub.sync..", "org.jooq..")
            .because("REST sends commands and queries through Axon's gateways only (administration of the"
                    + " processing infrastructure goes through the kernel's ProjectionAdministration interface)");

    @ArchTest
    static final ArchRule applicationWiringNeverReachesIntoTheModules = noClasses()
            .that()
            .resideInAPackage("org.memberhub.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.memberhub.command..", "org.memberhub.query..", "org.memberhub.sync..")
            .because("each module provides its own beans; the application's configuration wires the modules through"
                    + " the kernel's types and Spring's context, so the modules' internals can stay package-private");

    @ArchTest
    static final ArchRule eventStoreWiringUsesOnlyTheBacklogPort = noClasses()
            .that()
            .resideInAPackage("org.memberhub.eventstore..")
            .should()
            .dependOnClassesThat(
                    resideInAnyPackage("org.memberhub.command..", "org.memberhub.query..", "org.memberhub.sync..")
                            .and(not(belongToAnyOf(EventStreamBacklog.class))))
            .because("the event store's configuration provides the query side's EventStreamBacklog port (only the store"
                    + " knows its delivery order) and needs nothing else of the modules");

    @ArchTest
    static final ArchRule wiringAndAdaptersArePackagePrivate = classes()
            .that()
            .areAnnotatedWith(Configuration.class)
            .or()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(ProcessingGroup.class)
            .should()
            .notBePublic()
            .because("no other package needs configuration classes, controllers or projectors");
}
