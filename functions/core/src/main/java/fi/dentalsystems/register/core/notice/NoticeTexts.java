package fi.dentalsystems.register.core.notice;

import fi.dentalsystems.register.core.domain.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The notice's words in Finnish, Swedish and English ({@code notice/texts_*.properties}).
 * Only words live there: every fact (names, addresses, periods, purposes, fields) is filled in
 * from the register's description. Loaded on first use, so functions that never render the
 * notice pay nothing at cold start. A missing key is an error, never a silent fallback.
 */
public final class NoticeTexts {
    private static final Map<Language, NoticeTexts> LOADED = new EnumMap<>(Language.class);

    private final Language language;
    private final Properties texts;

    private NoticeTexts(Language language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    public static synchronized NoticeTexts of(Language language) {
        return LOADED.computeIfAbsent(language, NoticeTexts::load);
    }

    private static NoticeTexts load(Language language) {
        String resource = "/notice/texts_" + language.code() + ".properties";
        try (InputStream in = NoticeTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Properties p = new Properties();
            try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            return new NoticeTexts(language, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Language language() {
        return language;
    }

    public Set<String> keys() {
        return texts.stringPropertyNames();
    }

    /** The text of {@code key} with each {@code {name}} replaced by its value. */
    public String get(String key, Map<String, String> values) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no notice text " + key + " in " + language.code());
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue());
        }
        return text;
    }

    public String get(String key) {
        return get(key, Map.of());
    }
}
