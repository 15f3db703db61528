//! The real built app (Trunk's `dist/`), served by the real backend on an SQLite file, driven in
//! headless Chromium through chromedriver. Selectors are visible text and roles; every wait is
//! for a condition.

#![allow(clippy::unwrap_used, reason = "tests: a panic is the failure report")]

mod harness;

use harness::Browser;

#[tokio::test]
async fn catalog_renders_in_kazakh_then_russian() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.sees_link("Мұрағаттық анықтамалар беру").await;
    b.sees_link("Ақмола облысының әкімдігі").await;
    b.sees_link("Ұлытау облысының әкімдігі").await;
    assert_eq!(b.html_lang().await, "kk");

    b.press("Русский").await;
    b.heading("Государственные услуги").await;
    b.sees_link("Выдача архивных справок").await;
    b.sees_link("Акимат Акмолинской области").await;
    b.sees_link("Акимат города Астаны").await;
    assert_eq!(b.html_lang().await, "ru");
    b.close().await;
}

#[tokio::test]
async fn the_language_choice_survives_a_reload() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.press("Русский").await;
    b.heading("Государственные услуги").await;
    b.reload().await;
    b.heading("Государственные услуги").await;
    b.sees_link("Выдача архивных справок").await;
    assert_eq!(b.pressed_language().await, "Русский");

    b.press("Қазақша").await;
    b.reload().await;
    b.heading("Мемлекеттік қызметтер").await;
    b.close().await;
}

#[tokio::test]
async fn deep_links_open_the_right_screen() {
    let b = Browser::open().await;
    b.visit("/services/archival-certificate").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    b.sees_text("15 жұмыс күні").await;
    b.sees_link("Маңғыстау облысының әкімдігі").await;

    b.visit("/services/foreign-media").await;
    b.heading("Облыс аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке алу")
        .await;
    b.sees_text("15 күнтізбелік күн").await;

    b.visit("/bodies/information-committee").await;
    b.press("Русский").await;
    b.heading(
        "Комитет информации Министерства информации и общественного развития Республики Казахстан",
    )
    .await;
    b.sees_link("Постановка на учет, переучет периодических печатных изданий, информационных агентств и сетевых изданий").await;
    b.close().await;
}

#[tokio::test]
async fn an_unknown_path_says_not_found_in_both_languages() {
    let b = Browser::open().await;
    b.visit("/no/such/page").await;
    b.heading("Бет табылмады").await;
    b.sees_link("Каталогқа оралу").await;
    b.press("Русский").await;
    b.heading("Страница не найдена").await;

    b.visit("/services/no-such-service").await;
    b.heading("Страница не найдена").await;
    b.sees_text("Такой услуги нет в каталоге.").await;

    b.click_link("Вернуться в каталог").await;
    b.heading("Государственные услуги").await;
    b.close().await;
}

#[tokio::test]
async fn search_finds_services_and_bodies_in_either_language() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.type_into("Қызметті немесе органды іздеу", "архивн").await;
    b.sees_link("Мұрағаттық анықтамалар беру").await;
    b.gone_link("Мерзімді баспасөз басылымдарын, ақпарат агенттіктерін және желілік басылымдарды есепке қою, қайта есепке қою").await;

    b.type_into("Қызметті немесе органды іздеу", "zzz").await;
    b.sees_text("Ештеңе табылмады. Сұрауды өзгертіп көріңіз.")
        .await;
    b.close().await;
}

#[tokio::test]
async fn links_navigate_and_the_back_button_returns() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.click_link("Абай облысының әкімдігі").await;
    b.heading("Абай облысының әкімдігі").await;
    b.click_link("Мұрағаттық анықтамалар беру").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    assert!(b.path().await.ends_with("/services/archival-certificate"));
    b.back().await;
    b.heading("Абай облысының әкімдігі").await;
    b.back().await;
    b.heading("Мемлекеттік қызметтер").await;
    b.close().await;
}
