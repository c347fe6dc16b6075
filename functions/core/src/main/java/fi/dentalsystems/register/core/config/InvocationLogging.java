package fi.dentalsystems.register.core.config;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.function.Supplier;

/**
 * One invocation of an event handler, in Lambda with Powertools' structured logging context
 * (request id, cold start, function) on every line it logs; called without a context (a test,
 * {@code ./dev}), plainly. The HTTP functions get the same from {@code HttpApiAdapter}.
 */
public final class InvocationLogging {
    private InvocationLogging() {
    }

    public static <T> T around(Context context, Supplier<T> invocation) {
        if (context == null) {
            return invocation.get();
        }
        return PowertoolsLogging.withLogging(context, invocation);
    }
}
