package fi.dentalsystems.register.core.config;

import fi.dentalsystems.register.core.domain.HistoryChannel;
import fi.dentalsystems.register.core.domain.Processor;
import fi.dentalsystems.register.core.domain.ProcessorRegister;
import fi.dentalsystems.register.core.domain.Purpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorConfigurationTest {
    @Test
    void theRegisterNamesEachProcessorsContractPurposesAndWrites() {
        ProcessorRegister register = ProcessorConfiguration.parse("""
                [{"id": "billing", "name": "Laskutus Oy", "contract": "DPA-7", "purposes": ["billing"],
                  "writes": ["customers"]},
                 {"id": "helpdesk", "name": "Tuki Oy", "contract": "DPA-8",
                  "purposes": ["technical-support", "fault-notices"], "writes": ["history:SUPPORT_TICKET"]},
                 {"id": "auditor", "name": "Tarkastus Oy", "contract": "DPA-9", "purposes": ["administration"]}]
                """);
        Processor billing = register.byGroupName("register-processor-billing").orElseThrow();
        assertThat(billing.contract()).isEqualTo("DPA-7");
        assertThat(billing.purposes()).containsExactly(Purpose.BILLING);
        assertThat(billing.writes().customers()).isTrue();
        assertThat(billing.writes().mayAddHistory()).isFalse();
        Processor helpdesk = register.byId("helpdesk").orElseThrow();
        assertThat(helpdesk.writes().mayAddHistory(HistoryChannel.SUPPORT_TICKET)).isTrue();
        assertThat(helpdesk.writes().mayAddHistory(HistoryChannel.MEETING)).isFalse();
        assertThat(helpdesk.writes().words()).containsExactly("history:SUPPORT_TICKET");
        assertThat(register.byId("auditor").orElseThrow().writes()).isEqualTo(Processor.Writes.NONE);
        assertThat(register.byGroupName("register-processor")).isEmpty();
        assertThat(register.byGroupName("register-staff")).isEmpty();
    }

    @Test
    void anUnsetOrEmptyRegisterMeansNoProcessorHasAccess() {
        assertThat(ProcessorConfiguration.from(Optional.empty()).all()).isEmpty();
        assertThat(ProcessorConfiguration.parse("[]").all()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|PROCESSORS: must be a JSON array of processors",
        "[{\"id\": \"x\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": [\"sales\"]}]|PROCESSORS: processor x names an unknown purpose sales",
        "[{\"id\": \"x\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": []}]|PROCESSORS: processor x must serve at least one purpose",
        "[{\"id\": \"x\", \"name\": \"X\", \"purposes\": [\"billing\"]}]|PROCESSORS: processor x needs a text contract",
        "[{\"id\": \"X Oy\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": [\"billing\"]}]|PROCESSORS: a processor id must be 1-40 of a-z, 0-9 and - (X Oy)",
        "[{\"id\": \"x\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": [\"billing\"], \"writes\": [\"contacts\"]}]|PROCESSORS: unknown write contacts (customers, history, history:<channel>)",
        "[{\"id\": \"x\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": [\"billing\"], \"writes\": [\"history:FAX\"]}]|PROCESSORS: unknown history channel in write history:FAX",
        "[{\"id\": \"x\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": [\"billing\"], \"sees\": []}]|PROCESSORS: processor x has an unknown field sees",
        "[{\"id\": \"x\", \"name\": \"X\", \"contract\": \"C\", \"purposes\": [\"billing\"]}, {\"id\": \"x\", \"name\": \"Y\", \"contract\": \"D\", \"purposes\": [\"billing\"]}]|PROCESSORS: processor x is configured twice",
        "[{\"id\": |PROCESSORS is not well-formed JSON"})
    void aMisreadRegisterStopsTheFunctionAndNamesTheRule(String json, String message) {
        assertThatThrownBy(() -> ProcessorConfiguration.parse(json)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aProcessorsUsersAreInItsOwnCognitoGroup() {
        Processor billing = new Processor("billing", "B", "C", Set.of(Purpose.BILLING), Processor.Writes.NONE);
        assertThat(billing.groupName()).isEqualTo("register-processor-billing");
    }
}
