package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Extension;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.format.ReadableTime;
import fi.dentalsystems.register.core.mail.Mail;
import fi.dentalsystems.register.core.mail.MailReference;
import fi.dentalsystems.register.core.notice.RegisterDescription;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The mails a requester receives, in their language. They repeat nothing but the request's
 * type and id: no register data goes out before the requester is verified.
 */
public final class RequestMails {
    private final Supplier<RegisterDescription> description;

    /** The description is read when the first mail is written (a function that sends none needs none). */
    public RequestMails(Supplier<RegisterDescription> description) {
        this.description = description;
    }

    /** The controller's name and postal address (seed §1), from the configuration, never from code. */
    private String signature() {
        RegisterDescription register = description.get();
        return register.controller().name() + "\n" + register.controller().postalAddress() + "\n";
    }

    /**
     * A mail about the request, carrying its id (and whether it is the verification link) so a bounce
     * or complaint that comes back can be recorded on the request (decision 0010).
     */
    private static Mail mail(DataSubjectRequest r, String purpose, String subject, String text) {
        return new Mail(r.email(), subject, text, java.util.Optional.of(new MailReference(r.requestId(), purpose)));
    }

    private String intakeAddress() {
        return description.get().intakeAddress();
    }

    public Mail verification(DataSubjectRequest r, String link) {
        String type = typeName(r.type(), r.language());
        return switch (r.language()) {
            case FI -> mail(r, MailReference.VERIFICATION, "Vahvista tietosuojapyyntösi",
                    "Hei,\n\nvastaanotimme tietosuojapyynnön (" + type + ") tähän osoitteeseen.\n"
                            + "Vahvista pyyntö avaamalla linkki 72 tunnin kuluessa:\n\n" + link + "\n\n"
                            + "Jos et lähettänyt pyyntöä, voit jättää tämän viestin huomiotta.\n\n"
                            + signature());
            case SV -> mail(r, MailReference.VERIFICATION, "Bekräfta din dataskyddsbegäran",
                    "Hej,\n\nvi har tagit emot en dataskyddsbegäran (" + type + ") till den här adressen.\n"
                            + "Bekräfta begäran genom att öppna länken inom 72 timmar:\n\n" + link + "\n\n"
                            + "Om du inte skickade begäran kan du bortse från detta meddelande.\n\n"
                            + signature());
            case EN -> mail(r, MailReference.VERIFICATION, "Confirm your data protection request",
                    "Hello,\n\nwe received a data protection request (" + type + ") for this address.\n"
                            + "Please confirm it by opening this link within 72 hours:\n\n" + link + "\n\n"
                            + "If you did not send the request, you can ignore this message.\n\n"
                            + signature());
        };
    }

    /** The link a verification mail or its reminder carries. */
    public static String verificationLink(String publicBaseUrl, VerificationToken token) {
        return publicBaseUrl + "/public/verify?token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
    }

    /**
     * The one reminder (issue 11): a fresh link, the first one no longer works, and when an
     * unconfirmed request is closed. Nothing else: the person may not have asked at all.
     */
    public Mail verificationReminder(DataSubjectRequest r, String link, Instant closesAt) {
        String type = typeName(r.type(), r.language());
        String closes = ReadableTime.date(closesAt, r.language().locale());
        return switch (r.language()) {
            case FI -> new Mail(r.email(), "Muistutus: vahvista tietosuojapyyntösi",
                    "Hei,\n\nvastaanotimme tietosuojapyynnön (" + type + ") tähän osoitteeseen, mutta sitä ei ole vielä "
                            + "vahvistettu. Vahvista pyyntö avaamalla tämä uusi linkki 72 tunnin kuluessa; aiempi linkki ei "
                            + "enää toimi:\n\n" + link + "\n\n"
                            + "Jos pyyntöä ei vahvisteta, se suljetaan käsittelemättä " + closes + ". Tämä on ainoa "
                            + "muistutus. Jos et lähettänyt pyyntöä, voit jättää tämän viestin huomiotta.\n\n"
                            + signature());
            case SV -> new Mail(r.email(), "Påminnelse: bekräfta din dataskyddsbegäran",
                    "Hej,\n\nvi har tagit emot en dataskyddsbegäran (" + type + ") till den här adressen, men den har "
                            + "inte bekräftats. Bekräfta begäran genom att öppna den här nya länken inom 72 timmar; den "
                            + "tidigare länken fungerar inte längre:\n\n" + link + "\n\n"
                            + "Om begäran inte bekräftas avslutas den utan åtgärd " + closes + ". Det här är den enda "
                            + "påminnelsen. Om du inte skickade begäran kan du bortse från detta meddelande.\n\n"
                            + signature());
            case EN -> new Mail(r.email(), "Reminder: confirm your data protection request",
                    "Hello,\n\nwe received a data protection request (" + type + ") for this address, but it has not "
                            + "been confirmed. Please confirm it by opening this new link within 72 hours; the earlier "
                            + "link no longer works:\n\n" + link + "\n\n"
                            + "If the request is not confirmed, it is closed without action on " + closes + ". This is "
                            + "the only reminder. If you did not send the request, you can ignore this message.\n\n"
                            + signature());
        };
    }

    public Mail extension(DataSubjectRequest r) {
        String due = ReadableTime.date(r.dueAt(), r.language().locale());
        String reason = r.extension().map(Extension::reason).orElse("");
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Tietosuojapyyntösi käsittelyaikaa on jatkettu",
                    "Hei,\n\ntietosuojapyyntösi (" + r.requestId() + ") käsittelyaikaa on jatkettu. Vastaamme "
                            + "viimeistään " + due + ".\n\nSyy: " + reason + "\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Tiden för din dataskyddsbegäran har förlängts",
                    "Hej,\n\ntiden för att behandla din begäran (" + r.requestId() + ") har förlängts. Vi svarar "
                            + "senast " + due + ".\n\nOrsak: " + reason + "\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "The deadline of your data protection request has been extended",
                    "Hello,\n\nthe time to answer your request (" + r.requestId() + ") has been extended. We will "
                            + "answer by " + due + ".\n\nReason: " + reason + "\n\n" + signature());
        };
    }

    public Mail objectionConfirmed(DataSubjectRequest r) {
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Suoramarkkinointikielto on voimassa",
                    "Hei,\n\nkieltosi on kirjattu (" + r.requestId() + "). Emme lähetä tähän osoitteeseen "
                            + "suoramarkkinointia. Palveluihin liittyvät vika- ja häiriötiedotteet eivät ole markkinointia, "
                            + "ja saat ne edelleen, jos olet asiakkaamme teknisenä yhteyshenkilönä.\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Förbudet mot direktmarknadsföring gäller",
                    "Hej,\n\nditt förbud är registrerat (" + r.requestId() + "). Vi skickar ingen direktmarknadsföring "
                            + "till den här adressen. Fel- och störningsmeddelanden om tjänsterna är inte marknadsföring "
                            + "och når dig fortfarande om du är teknisk kontaktperson.\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "Your objection to direct marketing is in force",
                    "Hello,\n\nyour objection is recorded (" + r.requestId() + "). We send no direct marketing to "
                            + "this address. Fault and outage notices about the services are not marketing and still "
                            + "reach you if you are a customer's technical contact.\n\n" + signature());
        };
    }

    /** The answer to an erasure: what was erased, and what a law makes us keep (named by business id only). */
    public Mail erasureDone(DataSubjectRequest r, java.util.List<String> keptBusinessIds) {
        return erasureDone(r, keptBusinessIds, 0);
    }

    /** Point-in-time recovery keeps 35 days (template.yaml): the day by which no backup holds an erased person. */
    public static final int BACKUP_DAYS = 35;

    private static String backupsGone(DataSubjectRequest r) {
        return ReadableTime.date(r.closedAt().orElseGet(Instant::now).plus(java.time.Duration.ofDays(BACKUP_DAYS)),
                r.language().locale());
    }

    /** {@code heldRecords}: contact records a legal hold kept (GDPR art. 17(3)(e)), restricted meanwhile. */
    public Mail erasureDone(DataSubjectRequest r, java.util.List<String> keptBusinessIds, int heldRecords) {
        String kept = String.join(", ", keptBusinessIds);
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Tietosi on poistettu",
                    "Hei,\n\npoistimme pyyntösi (" + r.requestId() + ") mukaisesti yhteystietosi, sinua koskevat "
                            + "asiakashistorian merkinnät ja tunnistautumistietosi."
                            + (kept.isEmpty() ? "" : "\n\nKirjanpitolaki (2:10) velvoittaa säilyttämään asiakasyrityksen "
                            + "laskutustiedot (Y-tunnus " + kept + "); ne on rajoitettu eikä niitä käytetä muuhun.")
                            + (heldRecords == 0 ? "" : "\n\n" + heldRecords + " yhteystietoasi säilytetään oikeudellisen "
                            + "vaateen vuoksi (tietosuoja-asetuksen 17 artiklan 3 kohdan e alakohta) niin kauan kuin vaade on "
                            + "vireillä; niiden käsittely on rajoitettu, ja ne poistetaan sen jälkeen.")
                            + "\n\nTietojesi kopiot varmuuskopioissa korvautuvat 35 päivän kuluessa; viimeistään "
                            + backupsGone(r) + " niistä ei ole jäljellä yhtään. Jos tietokanta jouduttaisiin sitä ennen "
                            + "palauttamaan varmuuskopiosta, poisto tehtäisiin uudelleen heti palautuksen jälkeen."
                            + "\n\nPyyntösi säilytetään todisteena ilman muita tietoja.\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Dina uppgifter har raderats",
                    "Hej,\n\nenligt din begäran (" + r.requestId() + ") har vi raderat dina kontaktuppgifter, "
                            + "kundhistoriken om dig och dina inloggningsuppgifter."
                            + (kept.isEmpty() ? "" : "\n\nBokföringslagen (2:10) kräver att kundföretagets faktureringsuppgifter "
                            + "sparas (FO-nummer " + kept + "); de är begränsade och används inte till annat.")
                            + (heldRecords == 0 ? "" : "\n\n" + heldRecords + " av dina kontaktuppgifter sparas på grund av "
                            + "ett rättsligt anspråk (dataskyddsförordningen artikel 17.3 e) så länge det pågår; behandlingen "
                            + "är begränsad och de raderas därefter.")
                            + "\n\nKopior av dina uppgifter i säkerhetskopior skrivs över inom 35 dagar; senast "
                            + backupsGone(r) + " finns ingen kopia kvar. Om databasen före det skulle behöva återställas "
                            + "från en säkerhetskopia, raderas uppgifterna på nytt genast efter återställningen."
                            + "\n\nDin begäran sparas som bevis utan andra uppgifter.\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "Your data has been erased",
                    "Hello,\n\nas you asked (" + r.requestId() + "), we erased your contact records, the customer "
                            + "history entries about you and your sign-in metadata."
                            + (kept.isEmpty() ? "" : "\n\nThe Finnish Accounting Act (2:10) requires us to keep the billing "
                            + "records of the customer organisation (business id " + kept + "); they are restricted and "
                            + "used for nothing else.")
                            + (heldRecords == 0 ? "" : "\n\n" + heldRecords + " of your contact records are kept because of "
                            + "a legal claim (GDPR art. 17(3)(e)) for as long as it lasts; their processing is restricted and "
                            + "they are erased afterwards.")
                            + "\n\nCopies of your data in backups are overwritten within 35 days; by " + backupsGone(r)
                            + " no copy remains. Should the database have to be restored from a backup before then, the "
                            + "erasure would be applied again straight after the restore."
                            + "\n\nYour request is kept as evidence, without other data.\n\n" + signature());
        };
    }

    public Mail restrictionDone(DataSubjectRequest r) {
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Tietojesi käsittelyä on rajoitettu",
                    "Hei,\n\npyyntösi (" + r.requestId() + ") mukaisesti tietojasi säilytetään, mutta niitä ei käytetä "
                            + "muuhun. Kerromme sinulle ennen kuin rajoitus poistetaan.\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Behandlingen av dina uppgifter har begränsats",
                    "Hej,\n\nenligt din begäran (" + r.requestId() + ") sparas dina uppgifter men används inte till "
                            + "annat. Vi meddelar dig innan begränsningen hävs.\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "Processing of your data has been restricted",
                    "Hello,\n\nas you asked (" + r.requestId() + "), your data is kept but used for nothing else. "
                            + "We will tell you before the restriction is lifted.\n\n" + signature());
        };
    }

    public Mail restrictionLifted(DataSubjectRequest r, String reason) {
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Käsittelyn rajoitus poistetaan",
                    "Hei,\n\npyyntösi (" + r.requestId() + ") mukainen käsittelyn rajoitus poistetaan.\n\nSyy: " + reason
                            + "\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Begränsningen av behandlingen hävs",
                    "Hej,\n\nbegränsningen enligt din begäran (" + r.requestId() + ") hävs.\n\nOrsak: " + reason
                            + "\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "The restriction of processing is being lifted",
                    "Hello,\n\nthe restriction you asked for (" + r.requestId() + ") is being lifted.\n\nReason: "
                            + reason + "\n\n" + signature());
        };
    }

    /**
     * The answer to an access request: the single-use link to the export and when it stops working.
     * The mail itself holds no register data; the link is the only way to the export.
     */
    public Mail exportReady(DataSubjectRequest r, String link, Instant expiresAt) {
        // a link stops at a moment, not a day: the reader gets the time, in Helsinki time (issue 15)
        String until = ReadableTime.dateTime(expiresAt, r.language().locale());
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Tietosi ovat valmiina",
                    "Hei,\n\ntarkastuspyyntösi (" + r.requestId() + ") mukaiset tiedot ovat valmiina. Avaa ne linkistä:\n\n"
                            + link + "\n\nLinkki toimii kerran ja vanhenee " + until + ". Tallenna sivu avattuasi se; "
                            + "sivulla on myös koneluettava kopio (JSON).\n\n"
                            + "Jos et pyytänyt tietojasi, ilmoita meille: " + intakeAddress() + ".\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Dina uppgifter är klara",
                    "Hej,\n\nuppgifterna enligt din begäran om tillgång (" + r.requestId() + ") är klara. Öppna dem via "
                            + "länken:\n\n" + link + "\n\nLänken fungerar en gång, till " + until + ". Spara sidan "
                            + "när du har öppnat den; den innehåller också en maskinläsbar kopia (JSON). Sidan är på "
                            + "engelska.\n\nOm du inte har begärt dina uppgifter, meddela oss: " + intakeAddress() + "."
                            + "\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "Your data is ready",
                    "Hello,\n\nthe data you asked to see (" + r.requestId() + ") is ready. Open it with this link:\n\n"
                            + link + "\n\nThe link works once and expires on " + until + ". Save the page once you "
                            + "have opened it; it also holds a machine-readable copy (JSON).\n\n"
                            + "If you did not ask for your data, tell us: " + intakeAddress() + ".\n\n" + signature());
        };
    }

    /**
     * A fresh export link staff sent (issue 15): the answer's mail again, saying that this link
     * replaces the earlier one, which no longer works. Still no register data in the mail itself.
     */
    public Mail exportResent(DataSubjectRequest r, String link, Instant expiresAt) {
        Mail ready = exportReady(r, link, expiresAt);
        String replaces = switch (r.language()) {
            case FI -> "Lähetämme sinulle uuden linkin tietoihisi. Aiempi linkki ei enää toimi.\n\n";
            case SV -> "Vi skickar dig en ny länk till dina uppgifter. Den tidigare länken fungerar inte längre.\n\n";
            case EN -> "We are sending you a new link to your data. The earlier link no longer works.\n\n";
        };
        String subject = switch (r.language()) {
            case FI -> "Uusi linkki tietoihisi";
            case SV -> "En ny länk till dina uppgifter";
            case EN -> "A new link to your data";
        };
        int afterGreeting = ready.text().indexOf("\n\n") + 2;
        return new Mail(ready.to(), subject, ready.text().substring(0, afterGreeting) + replaces
                + ready.text().substring(afterGreeting), ready.reference());
    }

    /**
     * The outcome of a rectification (GDPR art. 16, 12(4)): what was corrected and what was not, with
     * the reason staff gave — or, when staff recorded no outcome, that it was corrected as asked.
     */
    public Mail rectificationDone(DataSubjectRequest r) {
        var outcome = fi.dentalsystems.register.core.domain.RectificationOutcome.of(r);
        if (outcome.isEmpty()) {
            return switch (r.language()) {
                case FI -> mail(r, MailReference.ABOUT_REQUEST, "Tietosi on korjattu",
                        "Hei,\n\nkorjasimme tietosi pyyntösi (" + r.requestId() + ") mukaisesti.\n\n" + signature());
                case SV -> mail(r, MailReference.ABOUT_REQUEST, "Dina uppgifter har rättats",
                        "Hej,\n\nvi har rättat dina uppgifter enligt din begäran (" + r.requestId() + ").\n\n" + signature());
                case EN -> mail(r, MailReference.ABOUT_REQUEST, "Your data has been corrected",
                        "Hello,\n\nwe corrected your data as you asked (" + r.requestId() + ").\n\n" + signature());
            };
        }
        var o = outcome.get();
        boolean all = o.notCorrected().isEmpty();
        StringBuilder done = new StringBuilder();
        o.corrected().forEach(w -> done.append("- ").append(w).append('\n'));
        StringBuilder not = new StringBuilder();
        String because = switch (r.language()) {
            case FI -> "syy: ";
            case SV -> "orsak: ";
            case EN -> "reason: ";
        };
        o.notCorrected().forEach(n -> not.append("- ").append(n.what()).append(" (").append(because).append(n.reason())
                .append(")\n"));
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, all ? "Tietosi on korjattu" : "Korjauspyyntösi on käsitelty",
                    "Hei,\n\nkäsittelimme korjauspyyntösi (" + r.requestId() + ").\n\n"
                            + (o.corrected().isEmpty() ? "" : "Korjasimme:\n" + done + "\n")
                            + (all ? "" : "Emme korjanneet:\n" + not + "\nVoit tehdä valituksen tietosuojavaltuutetulle "
                            + "(tietosuoja.fi).\n\n") + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, all ? "Dina uppgifter har rättats" : "Din begäran om rättelse har behandlats",
                    "Hej,\n\nvi har behandlat din begäran om rättelse (" + r.requestId() + ").\n\n"
                            + (o.corrected().isEmpty() ? "" : "Vi rättade:\n" + done + "\n")
                            + (all ? "" : "Vi rättade inte:\n" + not + "\nDu kan lämna klagomål till dataombudsmannen "
                            + "(tietosuoja.fi).\n\n") + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, all ? "Your data has been corrected"
                            : "Your request for rectification has been handled",
                    "Hello,\n\nwe have handled your request for rectification (" + r.requestId() + ").\n\n"
                            + (o.corrected().isEmpty() ? "" : "We corrected:\n" + done + "\n")
                            + (all ? "" : "We did not correct:\n" + not + "\nYou may lodge a complaint with the Data "
                            + "Protection Ombudsman (tietosuoja.fi).\n\n") + signature());
        };
    }

    public Mail rejection(DataSubjectRequest r, String reason) {
        return switch (r.language()) {
            case FI -> mail(r, MailReference.ABOUT_REQUEST, "Tietosuojapyyntösi",
                    "Hei,\n\nemme voi toteuttaa tietosuojapyyntöäsi (" + r.requestId() + ").\n\nSyy: " + reason
                            + "\n\nVoit tehdä valituksen tietosuojavaltuutetulle (tietosuoja.fi).\n\n" + signature());
            case SV -> mail(r, MailReference.ABOUT_REQUEST, "Din dataskyddsbegäran",
                    "Hej,\n\nvi kan inte tillmötesgå din begäran (" + r.requestId() + ").\n\nOrsak: " + reason
                            + "\n\nDu kan klaga hos dataombudsmannen (tietosuoja.fi).\n\n" + signature());
            case EN -> mail(r, MailReference.ABOUT_REQUEST, "Your data protection request",
                    "Hello,\n\nwe cannot fulfil your request (" + r.requestId() + ").\n\nReason: " + reason
                            + "\n\nYou may lodge a complaint with the Data Protection Ombudsman (tietosuoja.fi).\n\n"
                            + signature());
        };
    }

    /**
     * The answer to a request rejected as a duplicate (issue 11): it names the earlier request, which
     * is answered, so the person knows nothing was dropped.
     */
    public Mail duplicateRejection(DataSubjectRequest r, String originalId) {
        return switch (r.language()) {
            case FI -> new Mail(r.email(), "Tietosuojapyyntösi",
                    "Hei,\n\npyyntösi (" + r.requestId() + ") on sama kuin aiempi, yhä avoin pyyntösi (" + originalId
                            + "). Vastaamme siihen, emmekä käsittele tätä erikseen.\n\n" + signature());
            case SV -> new Mail(r.email(), "Din dataskyddsbegäran",
                    "Hej,\n\ndin begäran (" + r.requestId() + ") är densamma som din tidigare, ännu öppna begäran ("
                            + originalId + "). Vi besvarar den och behandlar inte denna separat.\n\n" + signature());
            case EN -> new Mail(r.email(), "Your data protection request",
                    "Hello,\n\nyour request (" + r.requestId() + ") is the same as your earlier request, still open ("
                            + originalId + "). We answer that one and do not handle this one separately.\n\n"
                            + signature());
        };
    }

    public static String typeName(RequestType type, Language language) {
        return switch (language) {
            case FI -> switch (type) {
                case ACCESS -> "tarkastuspyyntö";
                case RECTIFICATION -> "oikaisupyyntö";
                case OBJECTION -> "suoramarkkinointikielto";
                case ERASURE -> "poistopyyntö";
                case RESTRICTION -> "käsittelyn rajoittaminen";
                case UNCLASSIFIED -> "tietosuojapyyntö";
            };
            case SV -> switch (type) {
                case ACCESS -> "begäran om tillgång";
                case RECTIFICATION -> "begäran om rättelse";
                case OBJECTION -> "förbud mot direktmarknadsföring";
                case ERASURE -> "begäran om radering";
                case RESTRICTION -> "begränsning av behandling";
                case UNCLASSIFIED -> "dataskyddsbegäran";
            };
            case EN -> type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The day as the request's reader reads it (ReadableTime: their language, Helsinki time). */
    public static String date(DataSubjectRequest r, Instant instant) {
        return ReadableTime.date(instant, r.language().locale());
    }
}
