package fi.dentalsystems.register.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CoreLayersTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(RegisterArchitecture.MAIN_CODE)
            .importPackages(RegisterArchitecture.ROOT + ".core");

    @Test
    void coreMainCodeImportsOnlyDownwards() {
        assertThat(CORE.size()).as("core's main classes were imported").isGreaterThan(80);
        RegisterArchitecture.layers().check(CORE);
    }

    @Test
    void coreHasNoPackageCycles() {
        RegisterArchitecture.coreWithoutCycles().check(CORE);
    }

    /**
     * The six imports this layering replaced (issue 9), each re-created as a sample class in the
     * package it stood in: the rule must report every one of them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"audit.LayeringSampleAuditNeedingHttp", "store.LayeringSampleStoreThrowingProblems",
            "store.LayeringSampleStoreNeedingRequests", "retention.LayeringSampleRetentionNeedingAudit",
            "retention.LayeringSampleRetentionNeedingTables", "retention.LayeringSampleRetentionNeedingRequests",
            "requests.LayeringSampleRequestsUsingHttp"})
    void anImportAgainstTheDirectionFails(String sample) throws ClassNotFoundException {
        JavaClasses withSample = new ClassFileImporter()
                .importClasses(Class.forName(RegisterArchitecture.ROOT + ".core." + sample));
        var result = RegisterArchitecture.layers().evaluate(withSample);
        assertThat(result.hasViolation()).as(sample).isTrue();
    }

    @Test
    void aCycleBetweenCorePackagesFails() {
        JavaClasses cycle = new ClassFileImporter().importClasses(
                fi.dentalsystems.register.core.architecture.samples.cycle.a.PartA.class,
                fi.dentalsystems.register.core.architecture.samples.cycle.b.PartB.class);
        var result = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(RegisterArchitecture.ROOT + ".core.architecture.samples.cycle.(*)..")
                .should().beFreeOfCycles().evaluate(cycle);
        assertThat(result.hasViolation()).isTrue();
    }
}
