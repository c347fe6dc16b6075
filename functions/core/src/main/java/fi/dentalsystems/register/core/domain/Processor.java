package fi.dentalsystems.register.core.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A contracted service provider that processes register data on the controller's behalf (GDPR
 * art. 28; seed §9: "only to the extent and in the way that their contracts define"): its id (its
 * users sign in in the Cognito group {@code register-processor-<id>}), its name as the privacy
 * notice names it (a recipient, art. 13(1)(e)), the contract it works under, the purposes of
 * processing (seed §4) the contract covers and what it may write. It is shown only the fields that
 * serve one of its purposes, and only the records they concern.
 */
public record Processor(String id, String name, String contract, Set<Purpose> purposes, Writes writes) {
    /** Ids as they appear in Cognito group names and dev tokens. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public Processor {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a processor id must be 1-40 of a-z, 0-9 and - (" + id + ")");
        }
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("processor " + id + " must serve at least one purpose");
        }
        purposes = Set.copyOf(EnumSet.copyOf(purposes));
    }

    /** The Cognito group of its users: what the access token's {@code cognito:groups} names. */
    public String groupName() {
        return StaffGroup.PROCESSOR_GROUP_PREFIX + id;
    }

    /**
     * What the contract lets it write, beyond reading: the fields of customers its purposes cover
     * ({@code customers}), and customer-history entries of some channels ({@code history:SUPPORT_TICKET},
     * or {@code history} for every channel). Creating, ending and deleting records stays with the
     * controller's staff.
     */
    public record Writes(boolean customers, Set<HistoryChannel> historyChannels) {
        public static final Writes NONE = new Writes(false, Set.of());

        public Writes {
            historyChannels = Set.copyOf(historyChannels);
        }

        public boolean mayAddHistory() {
            return !historyChannels.isEmpty();
        }

        public boolean mayAddHistory(HistoryChannel channel) {
            return historyChannels.contains(channel);
        }

        /** From the configuration's words; an unknown one is a configuration error, named. */
        public static Writes parse(List<String> words) {
            boolean customers = false;
            Set<HistoryChannel> channels = EnumSet.noneOf(HistoryChannel.class);
            for (String word : words) {
                if (word.equals("customers")) {
                    customers = true;
                } else if (word.equals("history")) {
                    channels.addAll(EnumSet.allOf(HistoryChannel.class));
                } else if (word.startsWith("history:")) {
                    try {
                        channels.add(HistoryChannel.valueOf(word.substring("history:".length())));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown history channel in write " + word, e);
                    }
                } else {
                    throw new IllegalArgumentException("unknown write " + word
                            + " (customers, history, history:<channel>)");
                }
            }
            return new Writes(customers, channels);
        }

        /** The configuration's words for these writes. */
        public List<String> words() {
            List<String> words = new ArrayList<>();
            if (customers) {
                words.add("customers");
            }
            if (historyChannels.size() == HistoryChannel.values().length) {
                words.add("history");
            } else {
                historyChannels.stream().sorted().forEach(c -> words.add("history:" + c.name()));
            }
            return words;
        }
    }
}
