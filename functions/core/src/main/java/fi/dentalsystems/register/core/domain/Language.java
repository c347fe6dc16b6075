package fi.dentalsystems.register.core.domain;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import java.util.Locale;
import java.util.Optional;

/** The languages of the form and of the mails a requester receives. */
public enum Language {
    FI, SV, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The locale its reader's dates are written in (format/ReadableTime): Finnish and Swedish as in Finland. */
    public Locale locale() {
        return switch (this) {
            case FI -> Locale.forLanguageTag("fi-FI");
            case SV -> Locale.forLanguageTag("sv-FI");
            case EN -> Locale.ENGLISH;
        };
    }

    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "Matches a given tag against the ASCII codes fi, sv, en only to choose a display "
                    + "language; no identity or access decision")
    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Language l : values()) {
            if (l.code().equalsIgnoreCase(code.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The first supported language of an Accept-Language header; Finnish when none fits. */
    public static Language fromAcceptLanguage(String header) {
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";", 2)[0].strip();
                Optional<Language> l = fromCode(tag.length() >= 2 ? tag.substring(0, 2) : tag);
                if (l.isPresent()) {
                    return l.get();
                }
            }
        }
        return FI;
    }
}
