package fi.dentalsystems.register.core.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The register's packages in one direction, bottom up (README, "Code layout"): domain ←
 * validation, retention ← store ← audit ← mail, exports, marketing ← requests, intake ← http ←
 * config (the wiring) ← the function modules. Defined once, here; core's test checks core,
 * local/runtime's test checks every module against the same rules.
 */
public final class RegisterArchitecture {
    public static final String ROOT = "fi.dentalsystems.register";
    private static final String CORE = ROOT + ".core.";

    private RegisterArchitecture() {
    }

    /** Each layer names what it may use; anything else (and any access from below) is a violation. */
    public static Architectures.LayeredArchitecture layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("domain").definedBy(CORE + "domain..")
                .layer("format").definedBy(CORE + "format..")
                .layer("policy").definedBy(CORE + "validation..", CORE + "retention..")
                .layer("store").definedBy(CORE + "store..")
                .layer("audit").definedBy(CORE + "audit..")
                .layer("channels").definedBy(CORE + "mail..", CORE + "exports..", CORE + "marketing..")
                .layer("services").definedBy(CORE + "requests..", CORE + "intake..", CORE + "notice..")
                .layer("http").definedBy(CORE + "http..")
                .layer("config").definedBy(CORE + "config..")
                .layer("functions").definedBy(ROOT + ".customers..", ROOT + ".publicrequests..",
                        ROOT + ".requests..", ROOT + ".deadlines..", ROOT + ".intake..", ROOT + ".fulfilment..",
                        ROOT + ".purge..")
                .layer("local").definedBy(ROOT + ".local..")

                .whereLayer("domain").mayNotAccessAnyLayer()
                .whereLayer("format").mayNotAccessAnyLayer()
                .whereLayer("policy").mayOnlyAccessLayers("domain")
                .whereLayer("store").mayOnlyAccessLayers("domain", "policy")
                .whereLayer("audit").mayOnlyAccessLayers("domain", "policy", "store")
                .whereLayer("channels").mayOnlyAccessLayers("domain", "format", "policy", "store", "audit")
                .whereLayer("services").mayOnlyAccessLayers("domain", "format", "policy", "store", "audit", "channels")
                .whereLayer("http").mayOnlyAccessLayers("domain", "format", "policy", "store", "audit", "channels",
                        "services")
                .whereLayer("config").mayOnlyAccessLayers("domain", "format", "policy", "store", "audit", "channels",
                        "services", "http")
                .whereLayer("functions").mayOnlyBeAccessedByLayers("local");
    }

    /** No cycles between core's packages (two packages of one layer included). */
    public static ArchRule coreWithoutCycles() {
        return slices().matching(CORE + "(*)..").should().beFreeOfCycles();
    }

    /** No cycles between modules, nor between the packages inside one. */
    public static ArchRule modulesWithoutCycles() {
        return slices().matching(ROOT + ".(**)").should().beFreeOfCycles();
    }

    /** A function module uses core, never another function module (each ships as its own jar). */
    public static ArchRule functionsIndependent() {
        return slices().matching(ROOT + ".(*)..").namingSlices("$1")
                .that(com.tngtech.archunit.base.DescribedPredicate.describe("a function module",
                        slice -> !slice.getDescription().equals("core") && !slice.getDescription().equals("local")))
                .should().notDependOnEachOther();
    }

    /** Main code only: tests may reach across layers to set things up; test jars are skipped too. */
    public static final ImportOption MAIN_CODE = new ImportOption() {
        @Override
        public boolean includes(Location location) {
            return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                    && !location.contains("-tests.jar");
        }
    };
}
