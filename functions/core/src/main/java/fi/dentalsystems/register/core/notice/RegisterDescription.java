package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.retention.RetentionPolicy;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the privacy notice says about the register, built from the configuration the
 * functions run on (template parameters → environment): the controller, the contact person,
 * the region, the ways to make a request, the processors (from the processor register, which
 * {@code config.Register} adds) and the retention policy the purge obeys. Mails, the access
 * export, the notice and the record of processing all read this one description; none holds a
 * second copy of an address.
 */
public record RegisterDescription(Controller controller, ContactPerson contactPerson, String region,
                                  String publicBaseUrl, String intakeAddress, List<Processor> processors,
                                  RetentionPolicy retention) {
    /** The environment variables a function needs to name the controller (template.yaml, Globals). */
    public static final List<String> VARIABLES = List.of("CONTROLLER_NAME", "CONTROLLER_STREET_ADDRESS",
            "CONTROLLER_POSTAL_CODE", "CONTROLLER_CITY", "CONTROLLER_PHONE", "CONTROLLER_EMAIL",
            "CONTROLLER_BUSINESS_ID", "REGISTER_CONTACT_NAME", "REGISTER_CONTACT_EMAIL", "REGISTER_CONTACT_PHONE",
            "PUBLIC_BASE_URL", "INTAKE_ADDRESS");

    public RegisterDescription {
        processors = List.copyOf(processors);
    }

    /** From the function's variables; a missing one is a deployment error, named, never guessed. */
    public static RegisterDescription from(Function<String, Optional<String>> variables) {
        Function<String, String> required = name -> variables.apply(name)
                .orElseThrow(() -> new IllegalStateException(name + " is not set"));
        return new RegisterDescription(
                new Controller(required.apply("CONTROLLER_NAME"), required.apply("CONTROLLER_STREET_ADDRESS"),
                        required.apply("CONTROLLER_POSTAL_CODE"), required.apply("CONTROLLER_CITY"),
                        required.apply("CONTROLLER_PHONE"), required.apply("CONTROLLER_EMAIL"),
                        required.apply("CONTROLLER_BUSINESS_ID")),
                new ContactPerson(required.apply("REGISTER_CONTACT_NAME"), required.apply("REGISTER_CONTACT_EMAIL"),
                        required.apply("REGISTER_CONTACT_PHONE")),
                variables.apply("AWS_REGION").orElse("eu-west-1"),
                required.apply("PUBLIC_BASE_URL"), required.apply("INTAKE_ADDRESS"), List.of(),
                RetentionPolicy.defaults());
    }

    public String formUrl() {
        return publicBaseUrl + "/form";
    }

    public String noticeUrl() {
        return publicBaseUrl + "/privacy-notice";
    }

    public RegisterDescription withRetention(RetentionPolicy policy) {
        return new RegisterDescription(controller, contactPerson, region, publicBaseUrl, intakeAddress, processors,
                policy);
    }

    public RegisterDescription withController(Controller changed) {
        return new RegisterDescription(changed, contactPerson, region, publicBaseUrl, intakeAddress, processors,
                retention);
    }

    public RegisterDescription withProcessors(List<Processor> changed) {
        return new RegisterDescription(controller, contactPerson, region, publicBaseUrl, intakeAddress, changed,
                retention);
    }
}
