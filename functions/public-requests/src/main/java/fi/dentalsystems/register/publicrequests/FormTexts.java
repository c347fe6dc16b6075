package fi.dentalsystems.register.publicrequests;

import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestType;

import java.util.Map;

/** Everything the public pages say, in Finnish, Swedish and English. */
record FormTexts(
        String htmlLang,
        String title,
        String intro,
        String typeLegend,
        Map<RequestType, String> types,
        String email,
        String emailHint,
        String name,
        String nameHint,
        String details,
        String detailsHint,
        String submit,
        String errorSummary,
        String errorType,
        String errorEmail,
        String errorName,
        String errorDetails,
        String errorSensitive,
        String receivedTitle,
        String receivedText,
        String verifiedTitle,
        String verifiedText,
        String confirmTitle,
        String confirmText,
        String confirmButton,
        String alreadyVerifiedTitle,
        String invalidTitle,
        String invalidText,
        String privacyLink,
        String languageLabel) {

    static FormTexts of(Language language) {
        return switch (language) {
            case FI -> FI;
            case SV -> SV;
            case EN -> EN;
        };
    }

    private static final FormTexts FI = new FormTexts("fi",
            "Tietosuojapyyntö – Dental-Systems Oy",
            "Tällä lomakkeella voit pyytää Dental-Systems Oy:n asiakasrekisterissä olevia tietojasi nähtäväksi, "
                    + "korjattavaksi tai poistettavaksi, rajoittaa niiden käsittelyä tai kieltää suoramarkkinoinnin. "
                    + "Lähetämme vahvistuslinkin antamaasi sähköpostiosoitteeseen. Vastaamme kuukauden kuluessa.",
            "Mitä pyydät?",
            Map.of(RequestType.ACCESS, "Haluan tarkastaa tietoni",
                    RequestType.RECTIFICATION, "Haluan korjata virheelliset tietoni",
                    RequestType.OBJECTION, "Kiellän tietojeni käytön suoramarkkinointiin",
                    RequestType.ERASURE, "Haluan tietoni poistettavaksi",
                    RequestType.RESTRICTION, "Haluan rajoittaa tietojeni käsittelyä"),
            "Sähköpostiosoite", "Osoite, jota pyyntö koskee. Lähetämme siihen vahvistuslinkin.",
            "Nimi (vapaaehtoinen)", "Auttaa meitä löytämään tietosi.",
            "Lisätiedot (vapaaehtoinen)", "Esim. mitkä tiedot ovat virheellisiä. Älä kirjoita henkilötunnusta tai korttinumeroa.",
            "Lähetä pyyntö",
            "Lomakkeessa on virheitä:",
            "Valitse pyynnön tyyppi.",
            "Anna toimiva sähköpostiosoite, esim. nimi@esimerkki.fi.",
            "Nimi voi olla enintään 200 merkkiä.",
            "Lisätiedot voivat olla enintään 2000 merkkiä.",
            "Poista henkilötunnus tai maksukortin numero lisätiedoista.",
            "Kiitos, pyyntö on vastaanotettu",
            "Jos osoite on oikein, saat hetken kuluttua sähköpostin, jossa on vahvistuslinkki. Linkki on voimassa 72 tuntia.",
            "Pyyntö on vahvistettu",
            "Kiitos. Käsittelemme pyyntösi ja vastaamme kuukauden kuluessa sen vastaanottamisesta.",
            "Vahvista tietosuojapyyntösi",
            "Pyyntö: {type}, vastaanotettu {date}. Vahvista, että lähetit pyynnön, painamalla alla olevaa painiketta.",
            "Vahvista pyyntö",
            "Pyyntö on jo vahvistettu",
            "Linkki ei ole voimassa",
            "Linkki on vanhentunut, jo käytetty tai virheellinen. Jos vahvistit pyyntösi jo, sinun ei tarvitse tehdä "
                    + "mitään. Muuten voit tehdä uuden pyynnön lomakkeella.",
            "Rekisteriseloste", "Kieli");

    private static final FormTexts SV = new FormTexts("sv",
            "Dataskyddsbegäran – Dental-Systems Oy",
            "Med det här formuläret kan du begära att få se, rätta eller radera dina uppgifter i Dental-Systems Oy:s "
                    + "kundregister, begränsa behandlingen av dem eller förbjuda direktmarknadsföring. Vi skickar en "
                    + "bekräftelselänk till den e-postadress du anger. Vi svarar inom en månad.",
            "Vad begär du?",
            Map.of(RequestType.ACCESS, "Jag vill se mina uppgifter",
                    RequestType.RECTIFICATION, "Jag vill rätta felaktiga uppgifter",
                    RequestType.OBJECTION, "Jag förbjuder direktmarknadsföring",
                    RequestType.ERASURE, "Jag vill att mina uppgifter raderas",
                    RequestType.RESTRICTION, "Jag vill begränsa behandlingen av mina uppgifter"),
            "E-postadress", "Adressen som begäran gäller. Vi skickar en bekräftelselänk dit.",
            "Namn (frivilligt)", "Hjälper oss att hitta dina uppgifter.",
            "Tilläggsuppgifter (frivilligt)", "T.ex. vilka uppgifter som är fel. Skriv inte personbeteckning eller kortnummer.",
            "Skicka begäran",
            "Formuläret innehåller fel:",
            "Välj typ av begäran.",
            "Ange en fungerande e-postadress, t.ex. namn@exempel.fi.",
            "Namnet kan vara högst 200 tecken.",
            "Tilläggsuppgifterna kan vara högst 2000 tecken.",
            "Ta bort personbeteckningen eller kortnumret från tilläggsuppgifterna.",
            "Tack, begäran har tagits emot",
            "Om adressen är rätt får du snart ett e-postmeddelande med en bekräftelselänk. Länken gäller i 72 timmar.",
            "Begäran är bekräftad",
            "Tack. Vi behandlar din begäran och svarar inom en månad från att den togs emot.",
            "Bekräfta din dataskyddsbegäran",
            "Begäran: {type}, mottagen {date}. Bekräfta att du skickade begäran med knappen nedan.",
            "Bekräfta begäran",
            "Begäran är redan bekräftad",
            "Länken gäller inte",
            "Länken har gått ut, redan använts eller är felaktig. Om du redan har bekräftat din begäran behöver du "
                    + "inte göra något. Annars kan du göra en ny begäran med formuläret.",
            "Registerbeskrivning", "Språk");

    private static final FormTexts EN = new FormTexts("en",
            "Data protection request – Dental-Systems Oy",
            "With this form you can ask to see, correct or erase your data in Dental-Systems Oy's customer register, "
                    + "restrict its processing, or forbid direct marketing. We send a confirmation link to the email "
                    + "address you give. We answer within one month.",
            "What do you ask for?",
            Map.of(RequestType.ACCESS, "I want to see my data",
                    RequestType.RECTIFICATION, "I want incorrect data corrected",
                    RequestType.OBJECTION, "I forbid the use of my data for direct marketing",
                    RequestType.ERASURE, "I want my data erased",
                    RequestType.RESTRICTION, "I want the processing of my data restricted"),
            "Email address", "The address the request concerns. We send a confirmation link to it.",
            "Name (optional)", "Helps us find your data.",
            "Details (optional)", "For example, which data is wrong. Do not write a personal identity code or a card number.",
            "Send request",
            "The form has errors:",
            "Choose the type of request.",
            "Enter a working email address, such as name@example.com.",
            "The name can be at most 200 characters.",
            "The details can be at most 2000 characters.",
            "Remove the personal identity code or card number from the details.",
            "Thank you, your request has been received",
            "If the address is right, you will soon get an email with a confirmation link. The link is valid for 72 hours.",
            "Your request is confirmed",
            "Thank you. We will handle your request and answer within one month of receiving it.",
            "Confirm your data protection request",
            "Request: {type}, received {date}. Confirm that you sent it with the button below.",
            "Confirm the request",
            "Your request is already confirmed",
            "This link is not valid",
            "The link has expired, has already been used or is incorrect. If you have already confirmed your "
                    + "request, there is nothing more to do. Otherwise you can make a new request with the form.",
            "Privacy notice", "Language");
}
