package fi.dentalsystems.register.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import fi.dentalsystems.register.core.architecture.RegisterArchitecture;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The same layering as core's own test, over the main code of every module (this one depends on them all). */
class ModuleLayersTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(RegisterArchitecture.MAIN_CODE)
            .importPackages(RegisterArchitecture.ROOT);

    @Test
    void everyModuleIsImported() {
        Set<String> packages = ALL.stream().map(c -> c.getPackageName().split("\\.")[3]).collect(Collectors.toSet());
        assertThat(packages).contains("core", "customers", "publicrequests", "requests", "deadlines", "intake",
                "fulfilment", "purge", "local");
    }

    @Test
    void everyModuleImportsOnlyDownwards() {
        RegisterArchitecture.layers().check(ALL);
    }

    @Test
    void functionModulesDoNotDependOnEachOther() {
        RegisterArchitecture.functionsIndependent().check(ALL);
    }

    @Test
    void noPackageCyclesInAnyModule() {
        RegisterArchitecture.modulesWithoutCycles().check(ALL);
        RegisterArchitecture.coreWithoutCycles().check(ALL);
    }
}
