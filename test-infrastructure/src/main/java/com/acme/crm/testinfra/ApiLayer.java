package com.acme.crm.testinfra;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Dependencies point inward: service-common's HTTP edge ({@code com.acme.crm.common.api}: the problem mapper, body
 * limits, strict JSON, request ids, query parameters, ...) is used by the HTTP edge of a service only, that is a
 * class in an {@code api} package or a JAX-RS resource (annotated with {@code @Path}, with its nested classes).
 * A service, a decision or a query that needed one of its types would tie the domain to HTTP; what they share with
 * the edge lives in a package named for what it is ({@code common.paging}, {@code common.input},
 * {@code common.problems}).
 * <p>
 * The same holds for a service's own api packages ({@link #ownApiRule}): its services, decisions and queries answer in
 * domain terms (an entity, a domain record), and the edge maps them to the views (JSON DTOs) it shows; what both sides
 * need (a validated input, a constraint) lives outside api.
 */
public final class ApiLayer {

    public static final String SHARED_API = "com.acme.crm.common.api..";

    public static final ArchRule RULE = edgeOnly(SHARED_API, "service-common's api package");

    private ApiLayer() {
    }

    /** Only the HTTP edge uses the api packages under {@code rootPackage} (say {@code com.acme.crm.account.api}). */
    public static ArchRule ownApiRule(String rootPackage) {
        return edgeOnly(rootPackage + "..api..", "the service's own api packages");
    }

    /** Outside api packages and @Path resources, nothing depends on {@code packages}. */
    private static ArchRule edgeOnly(String packages, String what) {
        return noClasses().that().resideOutsideOfPackage("..api..").and(notInAResource())
                .should().dependOnClassesThat().resideInAPackage(packages)
                .because("dependencies point inward: only a service's HTTP edge may use " + what);
    }

    /** Checks every main class under {@code rootPackage} (test classes are not part of the layering). */
    public static void check(String rootPackage) {
        RULE.check(mainClasses(rootPackage));
    }

    /** Checks {@link #ownApiRule} on every main class under {@code rootPackage}. */
    public static void checkOwnApi(String rootPackage) {
        ownApiRule(rootPackage).check(mainClasses(rootPackage));
    }

    private static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(rootPackage);
    }

    private static DescribedPredicate<JavaClass> notInAResource() {
        return DescribedPredicate.describe("are not part of a @Path resource", type -> !inResource(type));
    }

    private static boolean inResource(JavaClass type) {
        JavaClass outermost = type;
        while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
        }
        return outermost.isAnnotatedWith("jakarta.ws.rs.Path");
    }
}
