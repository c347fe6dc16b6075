package fi.dentalsystems.register.core.intake;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestType;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what an emailed request asks for, from its subject and body, in Finnish, Swedish
 * or English. Exactly one kind of request named → that type; none or several → UNCLASSIFIED,
 * for staff to decide (a wrong guess would run the wrong fulfilment).
 */
public final class RequestClassifier {
    private static final Map<RequestType, List<String>> KEYWORDS = new EnumMap<>(RequestType.class);

    static {
        KEYWORDS.put(RequestType.OBJECTION, List.of("suoramarkkinoin", "markkinointikiel", "kiellan markkinoinnin",
                "markkinointiviest", "direktmarknadsforing", "marknadsforing", "direct marketing", "unsubscribe",
                "stop sending", "opt out", "opt-out", "object to the use", "no more marketing", "markkinointia"));
        KEYWORDS.put(RequestType.ERASURE, List.of("poistakaa", "poistaa tietoni", "poista tietoni", "tulla unohdetuksi",
                "unohdetuksi", "radera", "radering", "bli bortglomd", "erase", "erasure", "delete my", "right to be forgotten",
                "remove my data", "remove my personal data"));
        KEYWORDS.put(RequestType.RECTIFICATION, List.of("korjatkaa", "korjata", "oikaisu", "virheellinen", "virheellis",
                "ratta", "rattelse", "felaktig", "rectify", "rectification", "correct my", "incorrect", "is wrong"));
        KEYWORDS.put(RequestType.RESTRICTION, List.of("rajoittaa", "rajoittamista", "kasittelyn rajoit", "begransa",
                "begransning", "restrict", "restriction of processing"));
        KEYWORDS.put(RequestType.ACCESS, List.of("tarkastusoikeus", "tarkastuspyynto", "tarkastaa tietoni",
                "mita tietoja", "tietopyynto", "kopio tiedoistani", "nahda tietoni", "tillgang till", "registerutdrag",
                "vilka uppgifter", "kopia av mina", "subject access", "access request", "copy of my data",
                "copy of my personal data", "what data", "what personal data", "see my data", "access to my data",
                "article 15", "artikla 15", "artikel 15"));
    }

    private static final Map<Language, List<String>> MARKERS = Map.of(
            Language.FI, List.of("hei", "tietoni", "kiitos", "ja", "etta", "olen", "pyydan", "terveisin", "minun", "haluan"),
            Language.SV, List.of("hej", "och", "att", "jag", "mina", "tack", "vanliga halsningar", "vill", "begar", "uppgifter"),
            Language.EN, List.of("hello", "the", "and", "my", "please", "regards", "would", "request", "data", "thank"));

    private RequestClassifier() {
    }

    public static RequestType classify(String subject, String body) {
        String text = fold(subject + "\n" + body);
        Set<RequestType> found = EnumSet.noneOf(RequestType.class);
        KEYWORDS.forEach((type, words) -> {
            for (String word : words) {
                if (text.contains(word)) {
                    found.add(type);
                    break;
                }
            }
        });
        return found.size() == 1 ? found.iterator().next() : RequestType.UNCLASSIFIED;
    }

    /** The language with most marker words; Finnish when nothing tells. */
    public static Language language(String subject, String body) {
        String[] words = fold(subject + " " + body).split("[^a-z]+");
        Map<Language, Integer> score = new EnumMap<>(Language.class);
        for (String w : words) {
            MARKERS.forEach((language, markers) -> {
                if (markers.contains(w)) {
                    score.merge(language, 1, Integer::sum);
                }
            });
        }
        Language best = Language.FI;
        int top = 0;
        for (Language l : List.of(Language.FI, Language.SV, Language.EN)) {
            int s = score.getOrDefault(l, 0);
            if (s > top) {
                best = l;
                top = s;
            }
        }
        return best;
    }

    /** Lower case without diacritics: "Älkää" and "alkaa" compare alike, as do "ö" and "o". */
    @SuppressFBWarnings(value = "IMPROPER_UNICODE",
            justification = "Folds free text (ROOT locale, NFD, marks dropped) for keyword scoring of the request "
                    + "type and language; nothing is looked up or authorised by it")
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replaceAll("\\s+", " ");
    }
}
