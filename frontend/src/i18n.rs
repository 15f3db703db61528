//! Every string of the interface, in Kazakh and Russian, and the current language.
//!
//! Keys are an enum, so a missing key does not compile; the test below fails if a text is empty in
//! either language.

use leptos::prelude::*;
use qyzmet_shared::catalog::Term;
use qyzmet_shared::{Lang, Text};

macro_rules! texts {
    ($($key:ident => $kk:literal, $ru:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            #[cfg(test)]
            pub const ALL: &[Key] = &[$(Key::$key),*];

            pub fn text(self) -> Text {
                match self { $(Key::$key => Text::new($kk, $ru)),* }
            }

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::Kk) => $kk, (Key::$key, Lang::Ru) => $ru,)*
                }
            }
        }
    };
}

texts! {
    PortalName => "Qyzmet — мемлекеттік қызметтер порталы", "Qyzmet — портал государственных услуг";
    SkipToContent => "Негізгі мазмұнға өту", "Перейти к основному содержанию";
    LanguageSwitch => "Тілді таңдау", "Выбор языка";
    HomeTitle => "Мемлекеттік қызметтер", "Государственные услуги";
    HomeLead => "Мемлекеттік органды, қызметті таңдап, өтінішті онлайн жіберіңіз.", "Выберите государственный орган и услугу и подайте заявку онлайн.";
    Search => "Қызметті немесе органды іздеу", "Поиск услуги или органа";
    SearchNothing => "Ештеңе табылмады. Сұрауды өзгертіп көріңіз.", "Ничего не найдено. Попробуйте изменить запрос.";
    ServicesHeading => "Қызметтер", "Услуги";
    BodiesHeading => "Мемлекеттік органдар", "Государственные органы";
    Ministries => "Министрліктер мен комитеттер", "Министерства и комитеты";
    Regions => "Облыстар", "Области";
    Cities => "Республикалық маңызы бар қалалар", "Города республиканского значения";
    Loading => "Жүктелуде…", "Загрузка…";
    Retry => "Қайталау", "Повторить";
    Term => "Көрсету мерзімі", "Срок оказания";
    Result => "Нәтижесі", "Результат";
    Channels => "Қайда алуға болады", "Где можно получить";
    Kinds => "Қызмет түрлері және қажетті құжаттар", "Виды услуги и необходимые документы";
    DocumentsNeeded => "Сканерленген құжаттар:", "Сканированные документы:";
    Providers => "Қызметті көрсететін органдар", "Кто оказывает услугу";
    ServicesOfBody => "Органның қызметтері", "Услуги органа";
    BackToCatalog => "Каталогқа оралу", "Вернуться в каталог";
    NotFoundTitle => "Бет табылмады", "Страница не найдена";
    NotFoundText => "Мұндай бет жоқ немесе ол жойылған. Мекенжайды тексеріңіз немесе каталогтан бастаңыз.", "Такой страницы нет или она удалена. Проверьте адрес или начните с каталога.";
    ServiceNotFound => "Мұндай қызмет каталогта жоқ.", "Такой услуги нет в каталоге.";
    BodyNotFound => "Мұндай орган каталогта жоқ.", "Такого органа нет в каталоге.";
    SignIn => "Кіру", "Войти";
    SignInTitle => "Жүйеге кіру", "Вход в систему";
    SigningIn => "Кіруде…", "Выполняется вход…";
    SignOut => "Шығу", "Выйти";
    IdNumber => "ЖСН / БСН", "ИИН / БИН";
    IdNumberHint => "Жеке тұлғаның ЖСН-ы немесе заңды тұлғаның БСН-ы, 12 цифр", "ИИН физического лица или БИН юридического лица, 12 цифр";
    Password => "Құпиясөз", "Пароль";
    PasswordRequired => "Құпиясөзді енгізіңіз.", "Введите пароль.";
    Cabinet => "Жеке кабинет", "Личный кабинет";
    FullName => "Аты-жөні", "ФИО";
    Role => "Рөлі", "Роль";
    AccountMenu => "Есептік жазба", "Учетная запись";
    CheckTitle => "Өтініш мәртебесін тексеру", "Проверка статуса заявки";
    CheckLead => "Өтініш нөмірін және өтініш берушінің ЖСН-ын (БСН-ын) енгізіңіз.", "Введите номер заявки и ИИН (БИН) заявителя.";
    RequestNumber => "Өтініш нөмірі", "Номер заявки";
    NumberRequired => "Өтініш нөмірін енгізіңіз, мысалы 2026-0000001.", "Введите номер заявки, например 2026-0000001.";
    Check => "Тексеру", "Проверить";
    Checking => "Тексерілуде…", "Проверяем…";
    Service => "Қызмет", "Услуга";
    Status => "Мәртебесі", "Статус";
    Deadline => "Орындау мерзімі", "Срок исполнения";
    StepDeadline => "Кезеңнің мерзімі", "Срок этапа";
    CheckNotFound => "Мұндай өтініш табылмады. Нөмір мен ЖСН-ды (БСН-ды) тексеріңіз.", "Заявка не найдена. Проверьте номер и ИИН (БИН).";
    History => "Қызметтерді алу тарихы", "История получения услуг";
    AllStatuses => "Барлық мәртебелер", "Все статусы";
    NoRequests => "Бұл жерде әзірге өтініш жоқ.", "Здесь пока нет заявок.";
    Pages => "Беттер", "Страницы";
    Previous => "Алдыңғы", "Назад";
    Next => "Келесі", "Далее";
    RequestTitle => "Өтініш", "Заявка";
    RefreshStatus => "Мәртебені жаңарту", "Обновить статус";
    Timeline => "Қарау барысы", "Ход рассмотрения";
    Overdue => "мерзімі өтті", "срок истек";
    Queue => "Менің кезегім", "Моя очередь";
    Resolution => "Резолюция немесе түсініктеме", "Резолюция или комментарий";
    Actions => "Әрекеттер", "Действия";
    SignInWithSignature => "ЭЦҚ арқылы кіру", "Вход по ЭЦП";
    SignInWithKeyFile => "Кілтпен кіру", "Войти с ключом";
    SignTitle => "Өтінішке ЭЦҚ-мен қол қою", "Подписание заявки ЭЦП";
    SignResultTitle => "Нәтижеге ЭЦҚ-мен қол қою", "Подписание результата ЭЦП";
    SignatureStaysHere => "Кілт файлы мен құпиясөз осы браузерде ашылады және серверге жіберілмейді: тек қолтаңба жіберіледі.", "Файл ключа и пароль открываются в этом браузере и не отправляются на сервер: отправляется только подпись.";
    SignatureFile => "ЭЦҚ кілті (.p12 файлы)", "Ключ ЭЦП (файл .p12)";
    SignaturePassword => "Кілттің құпиясөзі", "Пароль ключа";
    Sign => "Қол қою", "Подписать";
    Signing => "Қол қойылуда…", "Подписание…";
    SignatureFileMissing => "Кілт файлын таңдаңыз (.p12).", "Выберите файл ключа (.p12).";
    SignatureFileInvalid => "Бұл файл ЭЦҚ кілті емес. ҰКО берген .p12 файлын таңдаңыз.", "Этот файл не является ключом ЭЦП. Выберите файл .p12, выданный НУЦ.";
    SignatureWrongPassword => "Кілттің құпиясөзі қате. Қайта енгізіңіз.", "Неверный пароль ключа. Введите его снова.";
    SignatureUnsupported => "Бұл кілттің алгоритміне (мысалы, ГОСТ) әзірге қолдау жоқ. RSA немесе ECDSA кілтін пайдаланыңыз.", "Алгоритм этого ключа (например, ГОСТ) пока не поддерживается. Используйте ключ RSA или ECDSA.";
    SignatureFileEmpty => "Файлда жабық кілт пен оның сертификаты жоқ. Басқа файлды таңдаңыз.", "В файле нет закрытого ключа с его сертификатом. Выберите другой файл.";
    DemoKeys => "Демо кілттері (әр файлдың құпиясөзі: qyzmet-demo)", "Демо-ключи (пароль каждого файла: qyzmet-demo)";
    PurposeSigning => "қол қою кілті", "ключ подписи";
    PurposeSignIn => "кіру кілті", "ключ для входа";
    SignatureWay => "Қол қою тәсілі", "Способ подписи";
    WayKeyFile => "Кілт файлы осы браузерде", "Файл ключа в этом браузере";
    WayNcaLayer => "NCALayer (компьютердегі ҰКО бағдарламасы)", "NCALayer (программа НУЦ на компьютере)";
    NcaLayerHint => "NCALayer өз терезесін ашады: кілтті және оның құпиясөзін сонда таңдаңыз. Портал оларды көрмейді.", "NCALayer откроет своё окно: выберите ключ и введите его пароль там. Портал их не видит.";
    SignWithNcaLayer => "NCALayer арқылы қол қою", "Подписать через NCALayer";
    SignInWithNcaLayer => "NCALayer арқылы кіру", "Войти через NCALayer";
    NcaLayerWaiting => "NCALayer терезесін күтудеміз…", "Ожидаем окно NCALayer…";
    NcaLayerNotRunning => "NCALayer іске қосылмаған. Оны іске қосып (қажет болса, pki.gov.kz сайтынан орнатып), қайталаңыз немесе кілт файлымен қол қойыңыз.", "NCALayer не запущен. Запустите его (при необходимости установите с сайта pki.gov.kz) и повторите или подпишите файлом ключа.";
    NcaLayerCancelled => "Қол қою тоқтатылды: NCALayer терезесі жабылды. Дайын болғанда қайталаңыз.", "Подписание отменено: окно NCALayer закрыто. Повторите, когда будете готовы.";
    NcaLayerFailed => "NCALayer қол қоя алмады. Кілтті тексеріп, қайталаңыз немесе кілт файлымен қол қойыңыз.", "NCALayer не смог подписать. Проверьте ключ и повторите или подпишите файлом ключа.";
    UseKeyFile => "Кілт файлымен қол қою", "Подписать файлом ключа";
    CertificateValid => "жарамды", "действующий";
    CertificateRevoked => "кері қайтарылған", "отозванный";
    CertificateExpired => "мерзімі өткен", "просроченный";
    Department => "Бөлім", "Отдел";
    Specialist => "Орындаушы", "Исполнитель";
    NoSpecialists => "Бөлімде орындаушылар жоқ.", "В отделе нет исполнителей.";
    OutcomeLegend => "Нәтиже жобасы", "Проект результата";
    OutcomeCertificate => "Анықтама: қызмет көрсетіледі", "Справка: услуга оказывается";
    OutcomeRefusal => "Дәлелді бас тарту", "Мотивированный отказ";
    ResolutionHelp => "Бас тартқанда мұнда оның негіздерін жазыңыз.", "При отказе укажите здесь его основания.";
    ServiceResult => "Қызмет нәтижесі", "Результат услуги";
    ResultNumber => "Нөмірі", "Номер";
    ValidUntil => "Жарамдылық мерзімі", "Действует до";
    RefusalGrounds => "Бас тарту негіздері", "Основания отказа";
    SurveyTitle => "Қызмет сапасын бағалау", "Оценка качества услуги";
    SurveyLead => "Екі сұраққа жауап беріңіз: жауаптар қызметті жақсартуға көмектеседі.", "Ответьте на два вопроса: ответы помогают улучшить услугу.";
    SurveyChoose => "Жауаптардың бірін таңдаңыз.", "Выберите один из ответов.";
    SurveySend => "Бағалауды жіберу", "Отправить оценку";
    SurveyThanks => "Бағалағаныңызға рахмет.", "Спасибо за оценку.";
    DashboardTitle => "Көрсеткіштер тақтасы", "Панель показателей";
    DashboardStatuses => "Өтініштер мәртебесі бойынша", "Заявки по статусам";
    DashboardOverdue => "Қазір мерзімі өткен", "Просрочены сейчас";
    DashboardSteps => "Кезеңдердің орындалуы", "Выполнение этапов";
    DashboardStep => "Кезең", "Этап";
    DashboardDone => "Орындалды", "Выполнено";
    DashboardLate => "Мерзімнен кеш", "С опозданием";
    DashboardAverage => "Орташа, сағат", "В среднем, часов";
    DashboardSurvey => "Сауалнама нәтижелері", "Результаты опроса";
    DashboardEmpty => "Әзірге дерек жоқ.", "Данных пока нет.";
    Notifications => "Хабарламалар", "Уведомления";
    Documents => "Құжаттардың сканерленген көшірмелері", "Сканированные копии документов";
    DocumentsHint => "PDF, JPEG немесе PNG, әрқайсысы 10 МБ-қа дейін. Қолтаңба тіркелген файлдарды да қамтиды.", "PDF, JPEG или PNG, каждый до 10 МБ. Подпись охватывает и приложенные файлы.";
    DocumentsAfterSave => "Құжаттарды тіркеу үшін алдымен жобаны сақтаңыз.", "Чтобы приложить документы, сначала сохраните черновик.";
    FileUnsupported => "Бұл файл PDF, JPEG немесе PNG емес (немесе бос). Құжаттың сканерленген көшірмесін таңдаңыз.", "Этот файл не PDF, JPEG или PNG (или пуст). Выберите скан документа.";
    FileTooLarge => "Файл 10 МБ-тан үлкен. Кішірек ажыратымдылықпен сканерлеңіз.", "Файл больше 10 МБ. Отсканируйте с меньшим разрешением.";
    Uploading => "Жүктелуде…", "Загрузка…";
    RemoveFile => "Жою", "Удалить";
    AllServices => "Барлық қызметтер", "Все услуги";
    PasswordTitle => "Құпиясөз", "Пароль";
    PasswordNoneYet => "Сіз ЭЦҚ арқылы тіркелдіңіз. ЖСН мен құпиясөз арқылы да кіру үшін құпиясөз орнатыңыз.", "Вы зарегистрировались по ЭЦП. Задайте пароль, чтобы входить и по ИИН с паролем.";
    CurrentPassword => "Қазіргі құпиясөз", "Текущий пароль";
    NewPassword => "Жаңа құпиясөз", "Новый пароль";
    NewPasswordHint => "Кемінде 8 таңба: әріптер мен цифрлар.", "Не менее 8 символов: буквы и цифры.";
    SavePassword => "Құпиясөзді сақтау", "Сохранить пароль";
    PasswordSaved => "Құпиясөз сақталды.", "Пароль сохранён.";
    PowersTitle => "Сенімхаттар", "Доверенности";
    PowersLead => "Сенімхат басқа адамға (өкілге) таңдалған қызметтер бойынша өтінішті сіздің атыңыздан беріп, оған өз ЭЦҚ-сымен қол қоюға мүмкіндік береді. Оны кез келген уақытта кері қайтара аласыз.", "Доверенность позволяет другому человеку (представителю) подавать заявки на выбранные услуги от вашего имени и подписывать их своей ЭЦП. Её можно отозвать в любой момент.";
    PowersReceived => "Маған берілген сенімхаттар", "Доверенности, выданные мне";
    PowersGranted => "Мен берген сенімхаттар", "Выданные мной доверенности";
    NoPowersReceived => "Сізге әлі ешкім сенімхат берген жоқ.", "Вам пока никто не выдал доверенность.";
    NoPowersGranted => "Сіз әлі сенімхат берген жоқсыз.", "Вы ещё не выдавали доверенностей.";
    GrantPower => "Жаңа сенімхат беру", "Выдать новую доверенность";
    RepresentativeIin => "Өкілдің ЖСН-ы", "ИИН представителя";
    RepresentativeIinHint => "12 цифр. Өкілдің аты-жөні мемлекеттік тізілімнен алынады.", "12 цифр. ФИО представителя берётся из государственного реестра.";
    PowerServices => "Қандай қызметтерге", "На какие услуги";
    PowerValidUntil => "Соңғы күні (қоса алғанда)", "Действует по (включительно)";
    PowerValidUntilHint => "Үш жылдан аспайды.", "Не более трёх лет.";
    SignPowerTitle => "Сенімхатқа ЭЦҚ-мен қол қою", "Подписание доверенности ЭЦП";
    SignAndGrant => "Қол қойып, сенімхат беру", "Подписать и выдать";
    PowerGranted => "Сенімхат берілді.", "Доверенность выдана.";
    Revoke => "Кері қайтару", "Отозвать";
    PowerRevoked => "Сенімхат кері қайтарылды.", "Доверенность отозвана.";
    Representative => "Өкіл", "Представитель";
    Principal => "Сенім білдіруші", "Доверитель";
    FileUnderPower => "Оның атынан өтініш беру", "Подать заявку от его имени";
    OnBehalfOf => "Кімнің атынан", "От чьего имени";
    Myself => "Өз атымнан", "От своего имени";
    ActingUnderPower => "Сенімхат бойынша өкіл", "Представитель по доверенности";
    SearchByNumber => "Нөмір бойынша іздеу", "Поиск по номеру";
    NoNotifications => "Әзірге хабарлама жоқ: өтініштеріңіздің мәртебесі өзгергенде осында көрсетіледі.", "Уведомлений пока нет: здесь появится каждое изменение статуса ваших заявок.";
    UnreadNotifications => "Оқылмаған", "Непрочитанных";
    Unread => "жаңа", "новое";
    MarkSeen => "Барлығын оқылды деп белгілеу", "Отметить все прочитанными";
    NotificationSettings => "Хабарлама баптаулары", "Настройки уведомлений";
    NotificationLanguage => "Хаттардың тілі", "Язык писем";
    PreferencesSaved => "Сақталды.", "Сохранено.";
    SavePreferences => "Сақтау", "Сохранить";
    ResultSignedBy => "ЭЦҚ-мен қол қойған", "Подписано ЭЦП";
    OpenResult => "Ашу", "Открыть";
    SaveResult => "PDF сақтау", "Сохранить PDF";
    ResultPdfHint => "Құжат электрондық үкімет жүйесінде құралған: оның QR-коды түпнұсқалықты тексеру бетіне апарады.", "Документ сформирован системой электронного правительства: его QR-код ведёт на страницу проверки подлинности.";
    VerifyTitle => "Құжаттың түпнұсқалығын тексеру", "Проверка подлинности документа";
    VerifyLead => "Құжаттағы QR-кодты сканерлеңіз немесе порталдан сақталған PDF файлын таңдаңыз.", "Отсканируйте QR-код на документе или выберите PDF-файл, сохранённый с портала.";
    VerifyFile => "Құжаттың PDF файлы", "PDF-файл документа";
    VerifyNoFile => "PDF файлын таңдаңыз.", "Выберите PDF-файл.";
    VerifyAuthentic => "Құжат түпнұсқа: оны портал берген және ол өзгертілмеген.", "Документ подлинный: он выдан порталом и не изменён.";
    VerifyNotAuthentic => "Құжат расталмады: портал мұндай құжат бермеген немесе ол өзгертілген. Құжатты берген органға хабарласыңыз.", "Документ не подтверждён: портал не выдавал такой документ или он изменён. Обратитесь в орган, выдавший документ.";
    DocumentTitle => "Құжат", "Документ";
    DocumentDate => "Берілген күні", "Дата выдачи";
    Issuer => "Берген орган", "Выдавший орган";
    Holder => "Кімге берілген", "Кому выдан";
    NotSignedYet => "Жоба: әлі қол қойылмаған", "Проект: еще не подписан";
    CompletenessDeadline => "Толықтығын тексеру мерзімі", "Срок проверки полноты";
    Apply => "Өтініш беру", "Подача заявки";
    OrderOnline => "Онлайн тапсырыс беру", "Заказать услугу онлайн";
    Provider => "Қызметті көрсететін орган", "Орган, оказывающий услугу";
    Kind => "Қызмет түрі", "Вид услуги";
    SaveDraft => "Жобаны сақтау", "Сохранить черновик";
    DraftSaved => "Жоба сақталды: оны «Қызметтерді алу тарихынан» жалғастыра аласыз.", "Черновик сохранен: продолжить можно из «Истории получения услуг».";
    SendRequest => "Өтінішті жіберу", "Отправить заявку";
    Sending => "Жіберілуде…", "Отправляем…";
    ResumeDraft => "Жобаны толтыруды жалғастыру", "Продолжить заполнение черновика";
    Footer => "Сұрақтар мен шағымдар бойынша: 1414 (тегін)", "Вопросы и жалобы: 1414 (бесплатно)";
}

/// A term as people say it: "10 жұмыс күні", "15 календарных дней".
pub fn term_text(term: Term) -> Text {
    let (days, working) = match term {
        Term::WorkingDays(days) => (days, true),
        Term::CalendarDays(days) => (days, false),
    };
    // Russian agrees the noun and adjective with the number; Kazakh does not inflect after numerals.
    let one = days % 10 == 1 && days % 100 != 11;
    let few = (2..=4).contains(&(days % 10)) && !(12..=14).contains(&(days % 100));
    let noun = if one {
        "день"
    } else if few {
        "дня"
    } else {
        "дней"
    };
    let (kk, adjective) = match (working, one) {
        (true, true) => ("жұмыс күні", "рабочий"),
        (true, false) => ("жұмыс күні", "рабочих"),
        (false, true) => ("күнтізбелік күн", "календарный"),
        (false, false) => ("күнтізбелік күн", "календарных"),
    };
    Text { kk: format!("{days} {kk}").into(), ru: format!("{days} {adjective} {noun}").into() }
}

/// A moment as its date in Kazakhstan, written as people read it: 06.04.2026.
pub fn date_text(unix: i64) -> String {
    qyzmet_shared::calendar::Date::in_kazakhstan(unix).dotted()
}

/// A moment as its date and time in Kazakhstan: 06.04.2026 18:00.
pub fn moment_text(unix: i64) -> String {
    let minutes = qyzmet_shared::calendar::Date::local_seconds_of_day(unix) / 60;
    format!("{} {:02}:{:02}", date_text(unix), minutes / 60, minutes % 60)
}

/// The current language, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<Language>().0
}

/// A reactive text for `key` in the current language.
pub fn t(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || key.get(lang.get())
}

/// Reads the remembered language; the browser's own setting decides the first visit.
pub fn initial_lang() -> Lang {
    let window = web_sys::window();
    let stored = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let browser = window.and_then(|w| w.navigator().language());
    stored.or(browser).and_then(|code| Lang::from_code(&code)).unwrap_or_default()
}

/// Remembers the language across reloads and tells the document (screen readers, fonts).
pub fn remember_lang(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(storage)) = window.local_storage() {
        // Private modes may refuse storage; the portal works on, in the chosen language.
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

const STORAGE_KEY: &str = "qyzmet.lang";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_translated() {
        for key in Key::ALL {
            let text = key.text();
            assert!(!text.is_incomplete(), "{key:?} is missing a language");
            assert_ne!(text.kk, text.ru, "{key:?} is the same in both languages");
        }
    }

    #[test]
    fn dates_read_in_astana_time() {
        // 2026-04-06T18:59:59Z is the last second of 6 April in Astana.
        let end_of_day =
            qyzmet_shared::calendar::Date::new(2026, 4, 6).unwrap().end_in_kazakhstan();
        assert_eq!(date_text(end_of_day), "06.04.2026");
        assert_eq!(date_text(end_of_day + 1), "07.04.2026");
    }

    #[test]
    fn russian_terms_agree_with_the_number() {
        assert_eq!(term_text(Term::WorkingDays(1)).ru, "1 рабочий день");
        assert_eq!(term_text(Term::WorkingDays(2)).ru, "2 рабочих дня");
        assert_eq!(term_text(Term::WorkingDays(7)).ru, "7 рабочих дней");
        assert_eq!(term_text(Term::CalendarDays(11)).ru, "11 календарных дней");
        assert_eq!(term_text(Term::CalendarDays(15)).ru, "15 календарных дней");
        assert_eq!(term_text(Term::CalendarDays(21)).ru, "21 календарный день");
        assert_eq!(term_text(Term::WorkingDays(10)).kk, "10 жұмыс күні");
    }
}
