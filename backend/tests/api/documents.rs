//! The result document: a PDF the applicant opens and saves, read back with poppler's `pdftotext`
//! (an implementation not ours); verification by the QR code's digest and by the file, where one
//! changed byte is enough to be refused.

use crate::helpers::{plain, to_department, to_specialist};
use qyzmet_shared::workflow::Action;
use std::process::Command;

use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::result::{DocumentCheck, Outcome};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, TestApp};
use crate::office::{POLICY_HEAD, POLICY_SPECIALIST, filed_and_taken, foreign_media};
use crate::requests::{CHANCELLERY, CITIZEN, HEAD, refused, seeded};

/// The text of a PDF, as poppler reads it, with every run of spaces and line breaks as one space
/// (long titles wrap).
pub(crate) fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("result.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs: `cargo xtask test` installs poppler-utils");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a PDF that reach into the right margin (56 pt of an A4 page's 595), as poppler
/// places them: a line drawn past it is cut off on paper.
pub(crate) fn beyond_the_margin(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-bbox"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs: `cargo xtask test` installs poppler-utils");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let boxes = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = boxes.lines().filter(|line| line.contains("<word ")).collect();
    assert!(!words.is_empty(), "poppler found no words");
    words
        .into_iter()
        .filter(|word| {
            let x_max = word.split("xMax=\"").nth(1).and_then(|rest| rest.split('"').next());
            x_max.and_then(|x| x.parse::<f32>().ok()).is_none_or(|x| x > 595.0 - 56.0 + 0.5)
        })
        .map(str::to_owned)
        .collect()
}

/// Poppler's word on a file the portal says is PDF/A-2u (a validator of the standard does not
/// install here): every font embedded with its Unicode map (`pdffonts`), the PDF/A-2u
/// identification in the XMP metadata, and a creation date of `day` in Astana time.
pub(crate) fn assert_pdf_a(pdf: &[u8], day: Date) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let run = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .arg(&path)
            .output()
            .expect("poppler runs: `cargo xtask test` installs poppler-utils");
        assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let fonts = run("pdffonts", &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // … emb sub uni object ID: embedded, and mapped to Unicode.
        let (emb, uni) = (columns[columns.len() - 5], columns[columns.len() - 3]);
        assert_eq!((emb, uni), ("yes", "yes"), "{row}");
    }
    let meta = run("pdfinfo", &["-meta"]);
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(meta.contains("<pdfaid:conformance>U</pdfaid:conformance>"), "{meta}");
    let created = meta.split("<xmp:CreateDate>").nth(1).and_then(|rest| rest.split('<').next());
    let created = created.expect("a creation date");
    assert!(created.starts_with(&day.to_string()) && created.ends_with("+05:00"), "{created}");
}

async fn pdf(app: &TestApp, cookie: &str, number: &str, query: &str) -> reqwest::Response {
    app.call(Method::GET, &format!("/requests/{number}/result.pdf{query}"), cookie, None).await
}

async fn check_file(app: &TestApp, file: Vec<u8>) -> DocumentCheck {
    let response = app
        .client
        .post(format!("{}/api/v1/documents/verify", app.base))
        .header("content-type", "application/pdf")
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn check_scanned(app: &TestApp, request: &str, hash: &str) -> DocumentCheck {
    let path = format!("/documents/verify?request={request}&hash={hash}");
    let response = app.call(Method::GET, &path, "", None).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// 001, appendix 5 and 003: the application is an e-document the applicant and the staff open.
async fn the_application_is_an_e_document_with_its_number_date_particulars_and_barcode(db: Db) {
    let app = seeded(db).await;
    let filed = filed_and_taken(&app, foreign_media(), "application-key-01", &[]).await;
    let number = filed.number.clone();
    let path = format!("/requests/{number}/application.pdf");
    let citizen = app.session(CITIZEN).await;
    let shown = app.call(Method::GET, &path, &citizen, None).await;
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["content-type"], "application/pdf");
    let file = shown.bytes().await.unwrap().to_vec();
    let text = text_of(&file);
    let filed_on = Date::in_kazakhstan(filed.submitted_at.unwrap()).dotted();
    for expected in [
        "Құжат электрондық үкімет жүйесінде құралған / Документ сформирован системой электронного правительства",
        &format!("Бірегей нөмір / Уникальный номер: {number}"),
        &format!("Жіберілген күні / Дата подачи: {filed_on}"),
        // 001, appendix 5: addressed to the head of the internal policy department.
        "Астана қаласының әкімдігі / Акимат города Астаны",
        "Облыстық ішкі саясат басқармасының бастығына",
        "Начальнику областного управления внутренней политики",
        "ӨТІНІШ / ЗАЯВЛЕНИЕ",
        "Есепке қойылатын облыс немесе қала (Қазақстан Республикасы) / Область или город Казахстана, где СМИ ставится на учет: Алматы облысы / Алматинская область",
        "Әлем журналы",
        "ЖСН/БСН / ИИН/БИН 850315400124",
        "ЭЦҚ қойған / Подписано ЭЦП:",
        "№ 370-II",
        "равнозначен документу на бумажном носителе",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the application: {text}");
    }
    assert_eq!(crate::csc::barcode_of(&file), number);
    // The provider's staff open it too; a stranger does not learn it exists.
    let staff = app.call(Method::GET, &path, &app.session(CHANCELLERY).await, None).await;
    assert_eq!(staff.status(), 200);
    let other = crate::requests::stranger(&app).await;
    refused(app.call(Method::GET, &path, &other, None).await, 404, ErrorCode::NotFound).await;
    // A draft has no application yet.
    let draft = crate::requests::ok(
        app.call(Method::POST, "/requests", &citizen, Some(foreign_media())).await,
    )
    .await;
    let draft_path = format!("/requests/{}/application.pdf", draft.number);
    refused(app.call(Method::GET, &draft_path, &citizen, None).await, 404, ErrorCode::NotFound)
        .await;
}

async fn a_signed_certificate_is_a_bilingual_pdf_that_verifies(db: Db) {
    let app = seeded(db).await;
    let signed = filed_and_taken(
        &app,
        foreign_media(),
        "document-key-01",
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("internal-policy")),
            (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
            (POLICY_SPECIALIST, crate::helpers::draft_certificate(Some(2))),
        ],
    )
    .await;
    let number = signed.number.clone();
    let citizen = app.session(CITIZEN).await;
    // Not before the head signs.
    refused(pdf(&app, &citizen, &number, "").await, 404, ErrorCode::NotFound).await;
    let head = app.session(HEAD).await;
    let signed =
        crate::requests::ok(crate::requests::step(&app, &head, &number, plain(Action::Sign)).await)
            .await;
    let head_signer = signed.result.unwrap().signed_by.unwrap();

    let shown = pdf(&app, &citizen, &number, "").await;
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["content-type"], "application/pdf");
    let disposition = shown.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("inline"), "{disposition}");
    let file = shown.bytes().await.unwrap().to_vec();
    assert!(file.starts_with(b"%PDF-"));
    // Declared PDF/A-2u in its XMP metadata (krilla validated it while writing).
    assert!(file.windows(11).any(|w| w == b"pdfaid:part"), "no PDF/A identification");
    let saved = pdf(&app, &citizen, &number, "?download=true").await;
    assert!(saved.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    // Made once, kept as issued: the same bytes every time.
    assert_eq!(saved.bytes().await.unwrap().to_vec(), file);

    let text = text_of(&file);
    let year = Date::in_kazakhstan(app.now()).year();
    for expected in [
        "Құжат электрондық үкімет жүйесінде құралған",
        "Документ сформирован системой электронного правительства",
        "Астана қаласының әкімдігі",
        "Шетелдік бұқаралық ақпарат құралын есепке алу туралы анықтама",
        "Справка об учете иностранного средства массовой информации",
        "N 0001-АЖ",
        "Нұрланова Айгүл Серікқызы",
        CITIZEN,
        &number,
        "Әлем журналы",
        "Қосымша: 2 бет.",
        "Приложение: 2 стр.",
        &format!("31.12.{year} дейін жарамды"),
        &format!("Действительна до 31.12.{year}"),
        &format!(
            "ЭЦҚ-мен қол қойған: {}, сертификат {}",
            head_signer.name, head_signer.serial_number
        ),
        &format!("Подписано ЭЦП: {}, сертификат {}", head_signer.name, head_signer.serial_number),
        "№ 370-II",
        "электронный документ равнозначен документу на бумажном носителе",
        // 001, appendix 5: the certificate's own statement, with the outlet and the territory,
        // and the day the request was filed.
        "N 843 Қаулысына сәйкес «Әлем журналы» шетелдік бұқаралық ақпарат құралын Астана аумағында таратуға",
        "от 29 июля 2002 года N 843",
        // Its heading names the region it is registered in, and its signer's position.
        "Алматы облысы аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке қою туралы",
        "распространяемого на территории: Алматинская область",
        &format!(
            "Ішкі саясат басқармасының бастығы / Руководитель управления внутренней политики: {}",
            head_signer.name
        ),
        &format!(
            "Жіберілген күні / Дата подачи: {}",
            Date::in_kazakhstan(signed.submitted_at.unwrap()).dotted()
        ),
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }

    // The file itself verifies; one changed byte does not.
    let check = check_file(&app, file.clone()).await;
    assert!(check.authentic);
    let facts = check.document.unwrap();
    assert_eq!(facts.number, "N 0001-АЖ");
    assert_eq!(facts.request, number);
    assert_eq!(facts.outcome, Outcome::Certificate);
    assert_eq!(facts.holder, "Н*** А*** С***");
    let mut changed = file.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    let check = check_file(&app, changed).await;
    assert!(!check.authentic);
    assert!(check.document.is_none());

    the_printed_address_verifies(&app, &number, &text).await;
    the_qr_code_leads_to_an_authentic_verdict(&app, &number, &file).await;
    let cut_off = beyond_the_margin(&file);
    assert!(cut_off.is_empty(), "drawn into the margin: {cut_off:#?}");
    assert_pdf_a(&file, Date::in_kazakhstan(app.now()));

    // Only those who may see the request get its document.
    let stranger = crate::requests::stranger(&app).await;
    refused(pdf(&app, &stranger, &number, "").await, 404, ErrorCode::NotFound).await;
    assert_eq!(pdf(&app, "", &number, "").await.status(), 401);
}

/// The QR code's address, printed beside it, names the request and the content's digest: it
/// verifies, and with another digest or request it does not.
async fn the_printed_address_verifies(app: &TestApp, number: &str, text: &str) {
    let hash = text
        .split("hash=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the verification address is printed")
        .to_owned();
    assert_eq!(hash.len(), 64);
    assert!(check_scanned(app, number, &hash).await.authentic);
    let mut wrong = hash.clone().into_bytes();
    wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
    assert!(!check_scanned(app, number, &String::from_utf8(wrong).unwrap()).await.authentic);
    assert!(!check_scanned(app, "no-such-request", &hash).await.authentic);
}

/// The QR code as a phone's camera reads it from the printed page: the portal's public address
/// (here, where the test app listens), `/verify` with the request and the digest; following it
/// gives "authentic".
async fn the_qr_code_leads_to_an_authentic_verdict(app: &TestApp, number: &str, pdf: &[u8]) {
    let codes = crate::csc::codes_in(pdf, "qrcode");
    let [address] = codes.as_slice() else { panic!("one QR code: {codes:?}") };
    let query = address
        .strip_prefix(&format!("{}/verify?", app.base))
        .unwrap_or_else(|| panic!("the QR code leads elsewhere: {address}"));
    let parameter = |name: &str| {
        query.split('&').find_map(|pair| pair.strip_prefix(&format!("{name}="))).unwrap()
    };
    assert_eq!(parameter("request"), number, "{address}");
    assert!(check_scanned(app, number, parameter("hash")).await.authentic, "{address}");
}

async fn a_refusal_document_states_its_grounds(db: Db) {
    let app = seeded(db).await;
    let grounds = "Ұсынылған құжаттар толық емес";
    let signed = filed_and_taken(
        &app,
        foreign_media(),
        "document-key-02",
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("internal-policy")),
            (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
            (POLICY_SPECIALIST, crate::helpers::draft_refusal(grounds)),
            (HEAD, plain(Action::Sign)),
        ],
    )
    .await;
    let file = pdf(&app, &app.session(CITIZEN).await, &signed.number, "").await;
    let text = text_of(&file.bytes().await.unwrap());
    for expected in [
        "Мемлекеттік қызмет көрсетуден дәлелді бас тарту",
        "Мотивированный отказ в оказании государственной услуги",
        "N 0001-ДБ",
        grounds,
        "Бас тарту негіздері",
        "Основания отказа",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    // A refusal does not restate the application's particulars.
    assert!(!text.contains("Әлем журналы"));
}

/// 001's certificate prints «Қосымша: __ бет»: the specialist's draft counts the pages.
fn draft_with_pages(appendix_pages: &Value) -> Value {
    json!({"action": "draft_result", "outcome": "certificate", "appendix_pages": appendix_pages})
}

async fn the_specialist_counts_the_appendix_pages_of_a_001_certificate(db: Db) {
    let app = seeded(db).await;
    let walk = [
        (CHANCELLERY, plain(Action::Register)),
        (HEAD, to_department("internal-policy")),
        (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
    ];
    let taken = filed_and_taken(&app, foreign_media(), "appendix-key-01", &walk).await;
    let specialist = app.session(POLICY_SPECIALIST).await;
    // None counted, or more than a certificate's attachment can be: sent back to the field,
    // nothing drafted.
    for wrong in [Value::Null, json!(1000)] {
        let step =
            crate::requests::step(&app, &specialist, &taken.number, draft_with_pages(&wrong));
        let refusal = refused(step.await, 422, ErrorCode::InvalidForm).await;
        assert_eq!(refusal.fields[0].field, "appendix_pages");
        assert!(refusal.fields[0].message.ru.contains("от 0 до 999"), "{refusal:?}");
    }
    let step = crate::requests::step(&app, &specialist, &taken.number, draft_with_pages(&json!(0)));
    let drafted = crate::requests::ok(step.await).await;
    assert_eq!(drafted.result.unwrap().appendix_pages, Some(0));
}

/// Behind a proxy at its public address (`QYZMET_PUBLIC_URL`), the portal prints that address in
/// the QR code, not the one it listens on (nor a request's `Host`).
async fn the_qr_code_leads_to_the_public_address(db: Db) {
    const PUBLIC: &str = "https://qyzmet.example.kz";
    let app =
        TestApp::spawn_demo_with(db, |state, _| state.with_public_url(Some(PUBLIC.into()))).await;
    let signed = filed_and_taken(
        &app,
        foreign_media(),
        "public-address-01",
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("internal-policy")),
            (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
            (POLICY_SPECIALIST, crate::helpers::draft_refusal("Құжаттар толық емес")),
            (HEAD, plain(Action::Sign)),
        ],
    )
    .await;
    let citizen = app.session(CITIZEN).await;
    let shown = app
        .client
        .get(format!("{}/api/v1/requests/{}/result.pdf", app.base, signed.number))
        .header(reqwest::header::COOKIE, &citizen)
        .header(reqwest::header::HOST, "attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 200);
    let codes = crate::csc::codes_in(&shown.bytes().await.unwrap(), "qrcode");
    let expected = format!("{PUBLIC}/verify?request={}&hash=", signed.number);
    assert!(codes.len() == 1 && codes[0].starts_with(&expected), "{codes:?}");
}

crate::on_both_databases!(
    the_qr_code_leads_to_the_public_address,
    the_application_is_an_e_document_with_its_number_date_particulars_and_barcode,
    a_signed_certificate_is_a_bilingual_pdf_that_verifies,
    the_specialist_counts_the_appendix_pages_of_a_001_certificate,
    a_refusal_document_states_its_grounds
);
