//! Signing with eGov Mobile in the browser: the page shows the QR code, the stand-in phone reads
//! it from the page's pixels and follows eGov's protocol, and the page goes on when the portal
//! has the signature — or says why not.

use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::Date;

use crate::egov_phone::Phone;
use crate::harness::{Browser, Database, portal_now, signed_by};

const CITIZEN: &str = "850315400124";
const HEAD: &str = "750909400915";

/// A draft filed by scanning its QR code: first with another person's key (refused, and the page
/// says so), then with the applicant's own.
async fn file_with_the_phone(database: Database) {
    let b = Browser::open_on(database).await;
    b.sign_in(CITIZEN).await;
    let draft = b.file_request(false).await;
    b.visit(&format!("/services/archival-certificate/apply?draft={draft}")).await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("Өтінішке ЭЦҚ-мен қол қою").await;
    b.tick("eGov Mobile (телефондағы QR код)").await;
    b.press("QR кодты көрсету").await;
    b.sees_text("Кодты eGov Mobile-мен сканерлеңіз (қосымшада: «QR арқылы қол қою»).").await;
    assert_eq!(b.accessibility_violations().await, Vec::<String>::new());
    b.screenshot("egov-mobile-filing").await;

    let phone = Phone::new("kk");
    let heads = b.demo_key(HEAD, Purpose::Signing, Standing::Valid);
    let refused = phone.sign(&b.qr_code().await, |bytes| signed_by(&heads, bytes)).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    b.sees_text(&ErrorCode::SignerMismatch.message().kk).await;

    b.press("QR кодты көрсету").await;
    let own = b.demo_key(CITIZEN, Purpose::Signing, Standing::Valid);
    let signed = phone.sign(&b.qr_code().await, |bytes| signed_by(&own, bytes)).await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    b.sees_text("Жіберілді").await;
    // What happens next, and by when.
    b.sees_text_starting("Кеңсе өтінішті тіркеп, басшыға береді. Нәтиже ").await;
    b.close().await;
}

#[tokio::test]
async fn a_filing_is_signed_with_egov_mobile_on_sqlite() {
    file_with_the_phone(Database::Sqlite).await;
}

#[tokio::test]
async fn a_filing_is_signed_with_egov_mobile_on_postgresql() {
    file_with_the_phone(Database::Postgres).await;
}

/// Signing in by scanning the sign-in page's QR code with a sign-in key; and giving a code up.
#[tokio::test]
async fn a_citizen_signs_in_with_egov_mobile() {
    let b = Browser::open().await;
    b.visit("/sign-in").await;
    b.choose_tab("QR кодпен").await;
    b.press("QR кодты көрсету").await;
    let given_up = b.qr_code().await;
    // On a phone: the code above, the buttons that open the app on the same phone below.
    b.phone_sized().await;
    assert_eq!(b.sideways_overflow().await, Vec::<String>::new());
    b.screenshot("egov-mobile-sign-in-phone").await;
    b.press("Бас тарту").await;
    b.sees_text("Телефонмен қол қою тоқтатылды. Дайын болғанда қайталаңыз.").await;
    let late = Phone::new("ru").scan(&given_up).await;
    assert_eq!(late.answer.status, 403, "a cancelled code is closed: {}", late.answer.body);

    b.press("QR кодты көрсету").await;
    let key = b.demo_key(CITIZEN, Purpose::Authentication, Standing::Valid);
    let answer = Phone::new("kk").sign(&b.qr_code().await, |bytes| signed_by(&key, bytes)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    b.heading("Жеке кабинет").await;
    b.close().await;
}

/// A power of attorney granted from the cabinet, and the head's signature of a result, each by
/// scanning the page's QR code.
#[tokio::test]
async fn a_power_and_a_result_are_signed_with_egov_mobile() {
    const AGENT: &str = "920711300344";
    const CHANCELLERY: &str = "810505300788";
    let b = Browser::open().await;
    let phone = Phone::new("ru");
    b.sign_in(CITIZEN).await;
    let until = Date::in_kazakhstan(portal_now()).plus_days(30);
    b.type_into("Өкілдің ЖСН-ы", AGENT).await;
    b.tick_in("Қандай қызметтерге", "Мұрағаттық анықтамалар беру").await;
    b.pick_date("Соңғы күні (қоса алғанда)", &until.to_string()).await;
    b.tick("eGov Mobile (телефондағы QR код)").await;
    b.press("QR кодты көрсету").await;
    let citizens = b.demo_key(CITIZEN, Purpose::Signing, Standing::Valid);
    let granted = phone.sign(&b.qr_code().await, |bytes| signed_by(&citizens, bytes)).await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    b.sees_text("Сенімхат берілді.").await;

    let number = b.file_request(true).await;
    b.sign_out().await;
    crate::staff_step(&b, CHANCELLERY, &number, "Тіркеу").await;
    crate::staff_step(&b, HEAD, &number, "Бөлімге жолдау").await;
    crate::staff_step(&b, "880202401133", &number, "Орындаушыға жолдау").await;
    crate::staff_step(&b, "831212301353", &number, "Нәтиже жобасын жіберу").await;
    b.sign_in(HEAD).await;
    b.click_link(&number).await;
    b.tick("eGov Mobile (телефондағы QR код)").await;
    b.press("QR кодты көрсету").await;
    let heads = b.demo_key(HEAD, Purpose::Signing, Standing::Valid);
    let signed = phone.sign(&b.qr_code().await, |bytes| signed_by(&heads, bytes)).await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    b.sees_text("ЭЦҚ-мен қол қойған").await;
    b.close().await;
}
