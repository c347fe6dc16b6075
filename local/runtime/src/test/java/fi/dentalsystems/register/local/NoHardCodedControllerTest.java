package fi.dentalsystems.register.local;

import fi.dentalsystems.register.core.config.ProcessorConfiguration;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller's and the contact person's details live in template.yaml's parameters only
 * (seed §1–2): no main code may carry a copy, so changing a parameter changes every mail, export
 * and notice. The values searched for are the parameters' own defaults, not a list kept here.
 */
class NoHardCodedControllerTest {
    private static final List<String> PARAMETERS = List.of("ControllerStreetAddress", "ControllerPhone",
            "ControllerEmail", "ControllerBusinessId", "RegisterContactName", "RegisterContactEmail",
            "RegisterContactPhone");

    @Test
    void noMainCodeNamesTheControllersAddressesOrPhoneNumbers() throws IOException {
        SamTemplate template = SamTemplate.load();
        List<String> values = new ArrayList<>(PARAMETERS.stream().map(p -> template.parameterDefault(p).orElseThrow())
                .toList());
        assertThat(values).contains("Niittylänpolku 16", "040 1487 672");
        // nor the processors' names and contracts: the processor register is the Processors parameter only
        ProcessorConfiguration.from(template.parameterDefault("Processors")).all()
                .forEach(p -> values.addAll(List.of(p.name(), p.contract())));
        assertThat(values).contains("Esimerkki Laskutus Oy");
        Path root = RepositoryRoot.find();
        List<String> found = new ArrayList<>();
        for (String tree : List.of("functions", "local")) {
            try (Stream<Path> files = Files.walk(root.resolve(tree))) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().contains("/src/main/"))
                        .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties")).toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    values.stream().filter(text::contains).forEach(v -> found.add(root.relativize(file) + ": " + v));
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
