package fi.dentalsystems.register.local.bench;

import java.util.List;

/**
 * One function's cold-start case: what `./dev bench` starts, with which first event. A new function
 * (reapply-erasures, issue 14) is one more entry in {@link ColdStartFunctions#ALL}.
 *
 * @param name       the function's module under functions/, and its key in report.json's coldStart
 * @param templateId its logical id in template.yaml (environment: its own tables and variables only)
 * @param input      how Lambda's runtime reads its event: {@code http} (API Gateway v2), {@code map},
 *                   {@code dynamodb} (a stream batch)
 * @param clients    the SDK clients its Lambda constructor builds ({@code DynamoDb}, {@code S3},
 *                   {@code SesV2}); the floor builds the same ones, and any its calls need besides
 * @param firstEvent the first typical event, fresh for each sample (sample 0 is the warm-up)
 */
record ColdStartFunction(String name, String templateId, String input, List<String> clients, FirstEvent firstEvent) {

    /** The invocations of one sample's first event (API Gateway's JSON, or the event's), fresh data seeded. */
    interface FirstEvent {
        List<String> prepare(BenchWorld world, int sample) throws Exception;
    }
}
