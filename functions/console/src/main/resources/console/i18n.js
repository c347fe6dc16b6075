// Finnish and English texts of the console. The language follows the browser (fi unless it prefers
// English) and is switchable; the choice is kept in memory only (nothing but tokens is stored).
const TEXTS = {
  fi: {
    title: 'Asiakasrekisteri – henkilökunta', brand: 'Asiakasrekisteri', skip: 'Siirry sisältöön', mainNav: 'Päävalikko',
    navRequests: 'Pyynnöt', navCustomers: 'Asiakkaat', navAdmin: 'Ylläpito', navReference: 'API-kuvaus',
    switchLanguage: 'In English', signIn: 'Kirjaudu sisään', signOut: 'Kirjaudu ulos', signedInAs: 'Kirjautunut: {role}',
    welcome: 'Kirjaudu sisään henkilökunnan tunnuksella. Kirjautuminen vaatii toisen tunnistautumisen (TOTP).',
    signedOut: 'Olet kirjautunut ulos.', sessionEnded: 'Istunto päättyi. Kirjaudu uudelleen.',
    signInFailed: 'Kirjautuminen epäonnistui. Yritä uudelleen.', loading: 'Ladataan…',
    requestsTitle: 'Avoimet pyynnöt', filters: 'Suodata', status: 'Tila', type: 'Tyyppi', channel: 'Kanava',
    overdue: 'Myöhässä', overdueOnly: 'Vain myöhässä olevat', dueThisWeek: 'Erääntyy tällä viikolla', any: 'Kaikki',
    apply: 'Näytä', due: 'Määräpäivä', received: 'Saapunut', request: 'Pyyntö', counts: 'Määrät',
    countsByStatus: 'Tilan mukaan', countsByType: 'Tyypin mukaan', none: 'Ei pyyntöjä.', duplicateOf: 'Kaksoiskappale: {id}',
    duplicates: 'Kaksoiskappaleet', original: 'Alkuperäinen', facts: 'Tiedot', timeline: 'Tapahtumat', actions: 'Toimenpiteet',
    email: 'Sähköposti', name: 'Nimi', language: 'Kieli', details: 'Kuvaus', originalDue: 'Alkuperäinen määräpäivä',
    extension: 'Jatko', extensionText: '{months} kk: {reason}', verifiedAt: 'Varmennettu', intake: 'Saapuminen',
    verify: 'Varmenna', verifyNote: 'Miten pyytäjä tunnistettiin', extend: 'Jatka määräaikaa', months: 'Kuukautta',
    reason: 'Perustelu (lähetetään pyytäjälle)', reject: 'Hylkää', rejectReason: 'Perustelu (lähetetään pyytäjälle)',
    rejectDuplicateHint: 'Kaksoiskappaleen voi hylätä ilman perustelua.', classify: 'Luokittele', complete: 'Valmis – lähetä vastaus',
    reviewed: 'Olen tarkistanut yllä olevan', review: 'Tarkistus ennen valmistumista', exportPreview: 'Tarkastusraportin esikatselu',
    recordsBeside: 'Nykyiset tiedot pyydettyjen korjausten rinnalla', requestedChanges: 'Pyydetyt korjaukset',
    erasureDeleted: 'Poistetaan', erasureKept: 'Säilytetään ja rajoitetaan', erasureKeptWhy: 'Kirjanpitolaki: asiakasorganisaation oma osoite on pyytäjän; tieto säilytetään rajoitettuna ja nimetään vastauksessa. Oikeudellisen pidätyksen alaiset yhteyshenkilötiedot säilytetään rajoitettuina.',
    why: 'Miksi', accountingAct: 'Kirjanpitolaki (laskutustiedot)', heldOnContact: 'Oikeudellinen pidätys tietueella {until} asti',
    heldOnCustomer: 'Oikeudellinen pidätys asiakasorganisaatiolla {until} asti',
    erasureDeletedWhat: 'Yhteyshenkilötiedot, niitä koskevat historiamerkinnät ja tunnustiedot.', legalHold: 'Oikeudellinen pidätys',
    restrictionWill: 'Nämä yhteyshenkilötiedot merkitään rajoitetuiksi (säilyvät, jäävät pois listoista).',
    objectionAuto: 'Kielto käsitellään automaattisesti varmennuksen yhteydessä.', lift: 'Poista rajoitus', liftReason: 'Perustelu (lähetetään pyytäjälle ensin)',
    noActions: 'Tilassa ei ole toimenpiteitä.', done: 'Tehty.', conflictRequest: 'Joku muutti pyyntöä sillä välin. Näet nyt nykyisen tilan.',
    contacts: 'Yhteyshenkilöt', customers: 'Asiakasorganisaatiot', noRecords: 'Ei tietoja tällä osoitteella.',
    customersTitle: 'Asiakkaat', search: 'Hae nimellä tai Y-tunnuksella', searchButton: 'Hae', addCustomer: 'Lisää asiakas',
    businessId: 'Y-tunnus', phone: 'Puhelin', street: 'Katuosoite', postalCode: 'Postinumero', city: 'Kaupunki', country: 'Maa',
    save: 'Tallenna', create: 'Lisää', edit: 'Muokkaa tietoja', endRelationship: 'Päätä asiakkuus', ended: 'Päättynyt', active: 'Voimassa',
    conflict: 'Joku muutti tätä sillä välin. Alla nykyiset tiedot; lomakkeella on nyt ne. Tee muutoksesi uudelleen.',
    currentValues: 'Nykyiset tiedot', history: 'Historia', roles: 'Roolit', noResults: 'Ei tuloksia.', forRequest: 'Korjaus pyynnön {id} perusteella',
    restricted: 'Rajoitettu', endConfirm: 'Vahvistan, että asiakkuus päättyy', adminTitle: 'Ylläpito', holds: 'Oikeudelliset pidätykset',
    holdTarget: 'Kohde', holdTargetId: 'Tunniste (cus_…, con_… tai req_…)', holdUntil: 'Viimeinen päivä', holdReason: 'Syy',
    placeHold: 'Aseta pidätys', showHold: 'Näytä pidätys', liftHold: 'Poista pidätys', noHold: 'Ei pidätystä.', holdActive: 'Voimassa {until} asti',
    audit: 'Tietueen lokitiedot', auditTarget: 'Tunniste', showAudit: 'Näytä', records: 'Käsittelytoimien seloste', purgeReports: 'Poistoajojen raportit',
    purgeReportsText: 'Säilytysajan ylittäneiden tietojen poistoajot päivittäin (UTC): mitä poistettiin, minimoitiin, säilytettiin oikeudellisen pidätyksen vuoksi tai jäi seuraavalle ajolle. Vain tunnisteita ja lukumääriä.',
    purgeRun: 'Ajo', purgeDryRun: 'Kuiva-ajo', purgeComplete: 'Valmis', purgeDeleted: 'Poistettu', purgeMinimised: 'Minimoitu',
    purgeHeld: 'Pidätetty', purgeKept: 'Säilytetty', purgeErrors: 'Jäi seuraavalle', from: 'Alkaen', to: 'Päättyen',
    showPurgeReports: 'Näytä raportit', noPurgeReports: 'Ei poistoajoja näinä päivinä.',
    forbidden: 'Sopimuksesi käyttötarkoitukset eivät kata tätä.', error: 'Virhe: {detail}', at: 'Aika', kind: 'Tapahtuma', actor: 'Tekijä',
    note: 'Huomio', action: 'Toimi', purpose: 'Käyttötarkoitus', route: 'Reitti', notFound: 'Sivua ei löydy.',
    processorView: 'Käsittelijänä näet vain sen, mitä sopimuksesi käyttötarkoitukset kattavat.', open: 'Avaa', back: 'Takaisin',
    choose: 'Valitse', billingAddress: 'Laskutusosoite', hidden: '(ei näytetä)'
  },
  en: {
    title: 'Customer register – staff', brand: 'Customer register', skip: 'Skip to content', mainNav: 'Main menu',
    navRequests: 'Requests', navCustomers: 'Customers', navAdmin: 'Admin', navReference: 'API reference',
    switchLanguage: 'Suomeksi', signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in: {role}',
    welcome: 'Sign in with your staff account. Sign-in requires a second factor (TOTP).',
    signedOut: 'You have signed out.', sessionEnded: 'Your session ended. Please sign in again.',
    signInFailed: 'Sign-in failed. Please try again.', loading: 'Loading…',
    requestsTitle: 'Open requests', filters: 'Filter', status: 'Status', type: 'Type', channel: 'Channel',
    overdue: 'Overdue', overdueOnly: 'Overdue only', dueThisWeek: 'Due this week', any: 'Any',
    apply: 'Show', due: 'Due', received: 'Received', request: 'Request', counts: 'Counts',
    countsByStatus: 'By status', countsByType: 'By type', none: 'No requests.', duplicateOf: 'Duplicate of {id}',
    duplicates: 'Duplicates', original: 'Original', facts: 'Facts', timeline: 'Events', actions: 'Actions',
    email: 'Email', name: 'Name', language: 'Language', details: 'Details', originalDue: 'Original due date',
    extension: 'Extension', extensionText: '{months} mo: {reason}', verifiedAt: 'Verified', intake: 'Intake',
    verify: 'Verify', verifyNote: 'How the requester was identified', extend: 'Extend the deadline', months: 'Months',
    reason: 'Reason (mailed to the requester)', reject: 'Reject', rejectReason: 'Reason (mailed to the requester)',
    rejectDuplicateHint: 'A duplicate may be rejected without a reason.', classify: 'Classify', complete: 'Complete – send the answer',
    reviewed: 'I have reviewed the above', review: 'Review before completing', exportPreview: 'Access export preview',
    recordsBeside: 'The current records beside the requested corrections', requestedChanges: 'Requested corrections',
    erasureDeleted: 'Will be deleted', erasureKept: 'Will be kept, restricted', erasureKeptWhy: 'Accounting Act: the organisation\'s own address is the requester\'s; it is kept restricted and named in the answer. Contact records under a legal hold are kept, restricted.',
    why: 'Why', accountingAct: 'Accounting Act (billing records)', heldOnContact: 'Legal hold on the record until {until}',
    heldOnCustomer: 'Legal hold on the customer until {until}',
    erasureDeletedWhat: 'Contact records, history entries about the person and credentials metadata.', legalHold: 'Legal hold',
    restrictionWill: 'These contact records will be marked restricted (kept, left out of every list).',
    objectionAuto: 'An objection is applied automatically when it is verified.', lift: 'Lift the restriction', liftReason: 'Reason (mailed to the requester first)',
    noActions: 'No actions in this state.', done: 'Done.', conflictRequest: 'Someone changed this request meanwhile. You now see its current state.',
    contacts: 'Contacts', customers: 'Customer organisations', noRecords: 'No records with this address.',
    customersTitle: 'Customers', search: 'Search by name or business id', searchButton: 'Search', addCustomer: 'Add a customer',
    businessId: 'Business id', phone: 'Phone', street: 'Street', postalCode: 'Postal code', city: 'City', country: 'Country',
    save: 'Save', create: 'Add', edit: 'Edit', endRelationship: 'End the relationship', ended: 'Ended', active: 'Active',
    conflict: 'Someone changed this meanwhile. The current values are below and now in the form; make your change again.',
    currentValues: 'Current values', history: 'History', roles: 'Roles', noResults: 'No results.', forRequest: 'Correction for request {id}',
    restricted: 'Restricted', endConfirm: 'I confirm the relationship ends', adminTitle: 'Admin', holds: 'Legal holds',
    holdTarget: 'Target', holdTargetId: 'Id (cus_…, con_… or req_…)', holdUntil: 'Last day', holdReason: 'Reason',
    placeHold: 'Place the hold', showHold: 'Show the hold', liftHold: 'Lift the hold', noHold: 'No hold.', holdActive: 'Holds until {until}',
    audit: 'Audit of a record', auditTarget: 'Id', showAudit: 'Show', records: 'Records of processing', purgeReports: 'Purge reports',
    purgeReportsText: 'The retention purge\'s runs by day (UTC): what was deleted, minimised, kept under a legal hold or left for the next run. Ids and counts only.',
    purgeRun: 'Run', purgeDryRun: 'Dry run', purgeComplete: 'Complete', purgeDeleted: 'Deleted', purgeMinimised: 'Minimised',
    purgeHeld: 'Held', purgeKept: 'Kept', purgeErrors: 'Left for next run', from: 'From', to: 'To',
    showPurgeReports: 'Show reports', noPurgeReports: 'No purge runs on these days.',
    forbidden: 'The purposes of your contract do not cover this.', error: 'Error: {detail}', at: 'At', kind: 'Event', actor: 'Actor',
    note: 'Note', action: 'Action', purpose: 'Purpose', route: 'Route', notFound: 'No such page.',
    processorView: 'As a processor you see only what your contract\'s purposes cover.', open: 'Open', back: 'Back',
    choose: 'Choose', billingAddress: 'Billing address', hidden: '(not shown)'
  }
};

let current = (navigator.languages || [navigator.language || 'fi']).map(l => l.slice(0, 2).toLowerCase())
  .find(l => l === 'fi' || l === 'en') || 'fi';

export function lang() { return current; }
export function setLang(value) { current = value === 'en' ? 'en' : 'fi'; document.documentElement.lang = current; }
export function t(key, vars = {}) {
  const text = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}
export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current === 'fi' ? 'fi-FI' : 'en-GB',
    { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}
export function date(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current === 'fi' ? 'fi-FI' : 'en-GB',
    { dateStyle: 'medium', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}
setLang(current);
