//! Every string of the interface, in Kazakh and Russian, and the current language.
//!
//! Keys are an enum, so a missing key does not compile; the test below fails if a text is empty in
//! either language.

use leptos::prelude::*;
use qyzmet_shared::catalog::Term;
use qyzmet_shared::status_check as check;
use qyzmet_shared::workflow::Limit;
use qyzmet_shared::{Lang, Text};

use crate::routes;

/// A text of the interface, in Kazakh and Russian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(&'static [&'static str; 2]);

macro_rules! texts {
    ($($key:ident => $kk:expr, $ru:expr;)*) => {
        /// Each text is a constant of its own, not a row of one table, so an app carries only the
        /// texts its screens show (issue 16: the public app shows a few dozen of some five hundred).
        #[allow(non_upper_case_globals, reason = "the keys read as the texts' names: `Key::SignIn`")]
        impl Key {
            $(pub const $key: Key = Key(&[$kk, $ru]);)*

            #[cfg(test)]
            pub const ALL: &[(&str, Key)] = &[$((stringify!($key), Key::$key)),*];
        }
    };
}

impl Key {
    pub fn text(self) -> Text {
        Text::new(self.get(Lang::Kk), self.get(Lang::Ru))
    }

    pub fn get(self, lang: Lang) -> &'static str {
        let [kk, ru] = self.0;
        match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
        }
    }
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
    OpenApplication => "Өтінішті ашу (PDF)", "Открыть заявление (PDF)";
    HandbookTitle => "Бизнес-үдерістер анықтамалығы", "Справочник бизнес-процессов";
    HandbookLead => "Өтінішті кім, қандай ретпен және қанша уақытта өңдейтіні — қызмет регламенті бойынша. Жұмыс уақыты: 09:00–18:30, түскі үзіліс 13:00–14:30.", "Кто, в каком порядке и за какое время обрабатывает заявку — по регламенту услуги. Рабочее время: 09:00–18:30, обед 13:00–14:30.";
    HandbookTableCaption => "Рәсімдер (іс-қимылдар) және олардың ұзақтығы", "Процедуры (действия) и их длительность";
    HandbookStep => "Кезең", "Этап";
    HandbookRole => "Кім орындайды", "Кто выполняет";
    HandbookLimit => "Ұзақтығы", "Длительность";
    HandbookMoves => "Келесі әрекет → нәтижесі", "Следующее действие → результат";
    HandbookDiagram => "Үдерістің сызбасы", "Схема процесса";
    HandbookDeclared => "регламент бойынша", "по регламенту";
    HandbookSources => "Регламент мәтіні", "Текст регламента";
    CalendarMissing => "Келесі жылдың Құрбан айт күні күнтізбеге әлі енгізілмеген: әкімші енгізбейінше мерзімдер ол күнді жұмыс күні деп санайды. Жыл:", "В календарь ещё не внесён Курбан айт следующего года: пока администратор его не внесёт, сроки считают этот день рабочим. Год:";
    DueIfFiledNow => "Бүгін берілсе, нәтиже мерзімі", "Если подать сейчас, результат не позднее";
    CounterMinutes => "ХҚО-да құжаттарды қабылдау ұзақтығы, көп дегенде", "Прием документов в ЦОН, не дольше";
    InformationPhone => "Ақпарат және шағымдар телефоны", "Телефон для справок и жалоб";
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
    IdNumber => check::ID_NUMBER.0, check::ID_NUMBER.1;
    IdNumberHint => "Жеке тұлғаның ЖСН-ы немесе заңды тұлғаның БСН-ы, 12 цифр", "ИИН физического лица или БИН юридического лица, 12 цифр";
    Password => "Құпиясөз", "Пароль";
    PasswordRequired => "Құпиясөзді енгізіңіз.", "Введите пароль.";
    Cabinet => "Жеке кабинет", "Личный кабинет";
    FullName => "Аты-жөні", "ФИО";
    Role => "Рөлі", "Роль";
    AccountMenu => "Есептік жазба", "Учетная запись";
    CheckTitle => check::TITLE.0, check::TITLE.1;
    CheckLead => check::LEAD.0, check::LEAD.1;
    RequestNumber => check::NUMBER.0, check::NUMBER.1;
    NumberRequired => check::NUMBER_REQUIRED.0, check::NUMBER_REQUIRED.1;
    Check => check::CHECK.0, check::CHECK.1;
    Checking => "Тексерілуде…", "Проверяем…";
    Service => check::SERVICE.0, check::SERVICE.1;
    Status => check::STATUS.0, check::STATUS.1;
    Deadline => check::DEADLINE.0, check::DEADLINE.1;
    StepDeadline => "Кезеңнің мерзімі", "Срок этапа";
    CheckNotFound => check::NOT_FOUND.0, check::NOT_FOUND.1;
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
    SignInWithPhone => "eGov Mobile арқылы кіру", "Вход через eGov Mobile";
    SignInWays => "Кіру тәсілі", "Способ входа";
    WayOfPassword => "Құпиясөзбен", "По паролю";
    WayOfSignature => "ЭЦҚ", "ЭЦП";
    WayOfPhone => "QR кодпен", "По QR-коду";
    SignInWithKeyFile => "Кілтпен кіру", "Войти с ключом";
    SignTitle => "Өтінішке ЭЦҚ-мен қол қою", "Подписание заявки ЭЦП";
    SignResultTitle => "Нәтижеге ЭЦҚ-мен қол қою", "Подписание результата ЭЦП";
    SignatureStaysHere => "Кілт файлы мен құпиясөз осы браузерде ашылады және серверге жіберілмейді: тек қолтаңба жіберіледі.", "Файл ключа и пароль открываются в этом браузере и не отправляются на сервер: отправляется только подпись.";
    ChooseFile => "Файлды таңдау", "Выбрать файл";
    NoFileChosen => "Файл таңдалмаған", "Файл не выбран";
    SignatureFile => "ЭЦҚ кілті (.p12 файлы)", "Ключ ЭЦП (файл .p12)";
    SignaturePassword => "Кілттің құпиясөзі", "Пароль ключа";
    Sign => "Қол қою", "Подписать";
    Signing => "Қол қойылуда…", "Подписание…";
    SignerLoading => "Қол қою модулі жүктелуде…", "Загружается модуль подписи…";
    OpeningKeyFile => "Кілт файлы ашылуда…", "Открывается файл ключа…";
    SignerUnavailable => "Қол қою модулі жүктелмеді. Байланысты тексеріп, қайталаңыз немесе NCALayer не eGov Mobile арқылы қол қойыңыз.", "Модуль подписи не загрузился. Проверьте соединение и повторите или подпишите через NCALayer или eGov Mobile.";
    SignatureFileMissing => "Кілт файлын таңдаңыз (.p12).", "Выберите файл ключа (.p12).";
    SignatureFileInvalid => "Бұл файл ЭЦҚ кілті емес. ҰКО берген .p12 файлын таңдаңыз.", "Этот файл не является ключом ЭЦП. Выберите файл .p12, выданный НУЦ.";
    SignatureWrongPassword => "Кілттің құпиясөзі қате. Қайта енгізіңіз.", "Неверный пароль ключа. Введите его снова.";
    SignatureUnsupported => "Бұл кілттің алгоритміне қолдау жоқ. ҰКО берген ГОСТ кілтін немесе RSA не ECDSA кілтін пайдаланыңыз.", "Алгоритм этого ключа не поддерживается. Используйте ключ ГОСТ, выданный НУЦ, или ключ RSA либо ECDSA.";
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
    WayPhone => "eGov Mobile (телефондағы QR код)", "eGov Mobile (QR-код на телефоне)";
    EgovMobileHint => "Телефоныңызда eGov Mobile (ұйым үшін — eGov Business) қосымшасын ашып, QR кодты сканерлеңіз: құжатты қосымшада көріп, сонда қол қоясыз. Кілт телефоннан шықпайды.", "Откройте на телефоне eGov Mobile (для организации — eGov Business) и отсканируйте QR-код: документ вы увидите и подпишете в приложении. Ключ не покидает телефон.";
    PhoneShowCode => "QR кодты көрсету", "Показать QR-код";
    PhoneWaiting => "eGov Mobile-ды күтудеміз…", "Ожидаем eGov Mobile…";
    PhoneCodeAlt => "eGov Mobile арқылы қол қоюға арналған QR код", "QR-код для подписания через eGov Mobile";
    PhoneScan => "Кодты eGov Mobile-мен сканерлеңіз (қосымшада: «QR арқылы қол қою»).", "Отсканируйте код в eGov Mobile (в приложении: «Подписание по QR»).";
    PhoneScanned => "Телефон құжатты алды: eGov Mobile-да тексеріп, қол қоюды растаңыз.", "Телефон получил документ: проверьте его в eGov Mobile и подтвердите подписание.";
    PhoneValidFor => "Код жарамды:", "Код действует ещё:";
    PhoneUnreachable => "Порталмен байланыс үзілді, қайта қосылудамыз… Телефонда қол қойған болсаңыз, ол сақталады.", "Связь с порталом прервалась, переподключаемся… Если вы уже подписали на телефоне, подпись сохранится.";
    PhoneOpenApp => "eGov Mobile-ды ашу", "Открыть eGov Mobile";
    PhoneOpenBusinessApp => "eGov Business-ті ашу", "Открыть eGov Business";
    PhoneCancel => "Бас тарту", "Отменить";
    PhoneCancelled => "Телефонмен қол қою тоқтатылды. Дайын болғанда қайталаңыз.", "Подписание через телефон отменено. Повторите, когда будете готовы.";
    PhoneExpired => "QR кодтың уақыты өтті (5 минут). Жаңа код алу үшін «QR кодты көрсету» түймесін басыңыз.", "Время QR-кода истекло (5 минут). Нажмите «Показать QR-код», чтобы получить новый.";
    CertificateValid => "жарамды", "действующий";
    CertificateRevoked => "кері қайтарылған", "отозванный";
    CertificateExpired => "мерзімі өткен", "просроченный";
    AlgorithmEcdsa => "ECDSA кілті", "ключ ECDSA";
    AlgorithmRsa => "RSA кілті", "ключ RSA";
    AlgorithmGost => "ГОСТ кілті", "ключ ГОСТ";
    Department => "Бөлім", "Отдел";
    Specialist => "Орындаушы", "Исполнитель";
    NoSpecialists => "Бөлімде орындаушылар жоқ.", "В отделе нет исполнителей.";
    OutcomeLegend => "Нәтиже жобасы", "Проект результата";
    OutcomeCertificate => "Анықтама: қызмет көрсетіледі", "Справка: услуга оказывается";
    OutcomeRefusal => "Дәлелді бас тарту", "Мотивированный отказ";
    AppendixPages => "Қосымша, бет саны", "Приложение, число страниц";
    AppendixPagesHelp => "Анықтамада «Қосымша: __ бет» деп басылады; қосымша болмаса — 0.", "В справке печатается «Приложение: __ стр.»; если приложения нет — 0.";
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
    FiguresTitle => "Ашық көрсеткіштер", "Открытые показатели";
    FiguresLead => "Әр мемлекеттік орган қызметті қаншалықты жылдам және мерзімінде көрсетеді: өтініштер мен өтініш берушілердің бағалауы бойынша, жеке деректерсіз.", "Насколько быстро и в срок каждый государственный орган оказывает услугу: по заявкам и оценкам заявителей, без персональных данных.";
    FiguresService => "Қызмет", "Услуга";
    FiguresPeriod => "Кезең", "Период";
    FiguresMonth => "Соңғы 30 күн", "Последние 30 дней";
    FiguresYear => "Соңғы 365 күн", "Последние 365 дней";
    FiguresCountedAt => "Есептелген уақыты", "Рассчитано";
    FiguresBody => "Мемлекеттік орган", "Государственный орган";
    FiguresFiled => "Берілген өтініштер", "Подано заявок";
    FiguresFinished => "Нәтижесі шықты", "Завершено";
    FiguresInTerm => "Мерзімінде", "В срок";
    FiguresWait => "Медианалық мерзім, күн", "Медианный срок, дней";
    FiguresRefused => "Бас тартылды", "Отказано";
    FiguresSatisfied => "Нәтижеге қанағаттанған", "Довольны результатом";
    FiguresAnswers => "Сауалнама жауаптары", "Ответов в опросе";
    FiguresExplained => "«Мерзімінде» — нәтижесіне мерзімі біткенге дейін қол қойылған өтініштердің үлесі. «Медианалық мерзім» — өтініш берілгеннен нәтижеге дейінгі уақыт: өтініштердің жартысы одан тез аяқталған. Бас тартулар да нәтиже болып саналады. Қанағаттану үлесі — қызмет сапасы туралы сауалнаманың бірінші сұрағы бойынша.", "«В срок» — доля заявок, результат по которым подписан до истечения срока. «Медианный срок» — время от подачи до результата: половина заявок завершена быстрее. Отказы тоже считаются результатом. Доля довольных — по первому вопросу опроса о качестве услуги.";
    FiguresOfService => "Бұл қызметтің ашық көрсеткіштері", "Открытые показатели этой услуги";
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
    NewPasswordHint => "Кемінде 12 таңба; бірнеше сөзден тұратын тіркес жарайды.", "Не менее 12 символов; подойдёт фраза из нескольких слов.";
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
    DateDay => "Күні", "День";
    DateMonth => "Айы", "Месяц";
    DateYear => "Жылы", "Год";
    DateExample => "Мысалы, 27 3 2007", "Например, 27 3 2007";
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
    CounterTitle => "ХҚО операторының жұмыс орны", "Рабочее место оператора ЦОН";
    OperatorsOnly => "Бұл бет тек ХҚО операторларына арналған.", "Эта страница только для операторов ЦОН.";
    CounterApplicant => "Өтініш берушіні мемлекеттік тізілімнен табу", "Найти заявителя в государственном реестре";
    ApplicantIdNumber => "Өтініш берушінің ЖСН-ы немесе БСН-ы", "ИИН или БИН заявителя";
    ApplicantIdNumberHint => "12 цифр, жеке куәліктен немесе тіркеу куәлігінен.", "12 цифр, из удостоверения личности или справки о регистрации.";
    FindInRegistry => "Тізілімнен табу", "Найти в реестре";
    FoundInRegistry => "Тізілімде табылды", "Найден в реестре";
    ApplicantPhone => "Өтініш берушінің телефоны", "Телефон заявителя";
    PhoneHint => "+7 және 10 цифр, мысалы +7 701 234 56 78.", "+7 и 10 цифр, например +7 701 234 56 78.";
    RepresentativeAtCounter => "Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді", "Документы принёс представитель по нотариальной доверенности";
    RepresentativeTitle => "Өкіл", "Представитель";
    RepresentativeName => "Өкілдің аты-жөні (жеке куәлік бойынша)", "ФИО представителя (по удостоверению личности)";
    RepresentativePhone => "Өкілдің телефоны", "Телефон представителя";
    NotarisedPower => "Нотариаттық сенімхат", "Нотариальная доверенность";
    NotarisedPowerHint => "Нөмірі мен күні, сенімхатта жазылғандай.", "Номер и дата, как указано в доверенности.";
    FillForApplicant => "Өтініш нысанын толтыру", "Заполнить заявление";
    IncompleteAtCounter => "Құжаттар топтамасы толық емес. Өтініш беруші жетіспейтін құжаттарды әкеле алмаса, бас тарту туралы қолхат беріңіз: өтініш қызмет берушіге жіберілмейді.", "Пакет документов неполный. Если заявитель не может донести недостающие документы, выдайте расписку об отказе: заявка не будет направлена услугодателю.";
    IssueRefusalReceipt => "Бас тарту туралы қолхат беру", "Выдать расписку об отказе";
    RefusalIssued => "Бас тарту туралы қолхат №", "Расписка об отказе №";
    RefusalNothingSent => "Өтініш қабылданбады және қызмет берушіге жіберілмеді. Қолхатты басып шығарып, өтініш берушіге беріңіз.", "Заявка не принята и услугодателю не направлена. Распечатайте расписку и выдайте заявителю.";
    PrintRefusalReceipt => "Бас тарту туралы қолхатты басып шығару", "Распечатать расписку об отказе";
    PrintReceipt => "Қолхатты басып шығару", "Распечатать расписку";
    FiledAtCentre => "ХҚО арқылы берілді", "Подана через ЦОН";
    FiledAtChancellery => "Қызмет берушінің кеңсесі арқылы берілді", "Подана через канцелярию услугодателя";
    WalkInTitle => "Кеңседе өтініш қабылдау", "Приём заявления в канцелярии";
    ChancelleryOnly => "Бұл бет тек қызмет берушінің кеңсесіне арналған.", "Эта страница только для канцелярии услугодателя.";
    NoWalkInServices => "Мұнда өтініш қабылданатын қызмет жоқ.", "Здесь не принимают заявлений ни на одну услугу.";
    Operator => "ХҚО операторы", "оператор ЦОН";
    RegistriesTitle => "Тізілімдер", "Реестры";
    RegistriesLead => "Құжаттар ХҚО мен қызмет беруші арасында курьермен тізілім бойынша жүреді: тізілім екі данада басып шығарылады, алушы әр құжатты белгілейді.", "Документы между ЦОН и услугодателем передаются курьером по реестру: реестр печатается в двух экземплярах, получатель отмечает каждый документ.";
    NoRegistries => "Әзірге тізілім жоқ.", "Реестров пока нет.";
    SendPackages => "Құжаттар топтамасын қызмет берушіге жіберу", "Отправить пакеты документов услугодателю";
    SendResults => "Қол қойылған нәтижелерді ХҚО-ға жіберу", "Отправить подписанные результаты в ЦОН";
    FormRegistry => "Тізілім құру", "Сформировать реестр";
    RegistryFormed => "Тізілім құрылды: оны екі данада басып шығарып, курьерге беріңіз.", "Реестр сформирован: распечатайте его в двух экземплярах и передайте курьеру.";
    RegistryNumber => "Тізілім №", "Реестр №";
    RegistryRefusedBecause => "Қабылданбады", "Не принят";
    PrintRegistry => "Тізілімді басып шығару (2 дана)", "Распечатать реестр (2 экземпляра)";
    Present => "бар", "есть";
    Missing => "жоқ", "нет";
    TickWhatArrived => "Келген құжаттарды белгілеңіз", "Отметьте поступившие документы";
    RegistryReason => "Қабылдамау себебі", "Причина отказа в приёме";
    RegistryReasonHint => "Тізімдегі құжаттың бірі жоқ болса ғана: не жетіспейді.", "Только если какого-то документа из реестра нет: чего не хватает.";
    MarkReceived => "Белгілерді сақтау", "Сохранить отметки";
    RegistryAccepted => "Тізілім қабылданды.", "Реестр принят.";
    RegistryRefused => "Тізілім қабылданбады, себебі жазылды.", "Реестр не принят, причина записана.";
    HandoverTitle => "Нәтижені беру", "Выдача результата";
    HandoverTo => "Кімге беріледі", "Кому выдаётся";
    ToApplicant => "Өтініш берушінің өзіне", "Самому заявителю";
    ToRepresentative => "Нотариаттық сенімхат бойынша өкілге", "Представителю по нотариальной доверенности";
    PowerNumber => "Нотариалдық сенімхаттың нөмірі", "Номер нотариальной доверенности";
    PowerDate => "Сенімхаттың куәландырылған күні", "Дата удостоверения доверенности";
    Notary => "Куәландырған нотариус", "Удостоверивший нотариус";
    IdentityDocument => "Тексерілген жеке куәлік", "Проверенный документ, удостоверяющий личность";
    IdentityDocumentHint => "Түрі мен нөмірі, мысалы: ЖК № 012345678.", "Вид и номер, например: УЛ № 012345678.";
    HandOver => "Нәтижені беру", "Выдать результат";
    ToEmail => "Өтініш берушінің электрондық поштасына жіберу (қол қойылған PDF)", "Отправить на электронную почту заявителя (подписанный PDF)";
    ApplicantEmail => "Өтініш берушінің электрондық поштасы", "Электронная почта заявителя";
    ApplicantEmailHint => "Өтініш беруші өзі айтқан мекенжай, мысалы name@example.kz.", "Адрес, который назвал сам заявитель, например name@example.kz.";
    SendResultByEmail => "Нәтижені поштаға жіберу", "Отправить результат на почту";
    FindByReceipt => "Қолхат бойынша табу", "Найти по расписке";
    ReceiptNumber => "Қолхаттағы өтініш нөмірі", "Номер заявки с расписки";
    ReceiptNumberHint => "Штрих-кодты сканерлеңіз немесе нөмірді теріңіз, мысалы 2026-0000001.", "Отсканируйте штрихкод или введите номер, например 2026-0000001.";
    Find => "Табу", "Найти";
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
    AlreadyHaveTitle => "Сізде бұл қызмет бойынша өтініш бар", "У вас уже есть заявка по этой услуге";
    AlreadyInWork => "Орындалуда:", "В работе:";
    AlreadyValid => "Жарамды анықтама:", "Действующая справка:";
    AlreadyHaveHint => "Жаңасы қажет болмаса, барын ашыңыз. Бәрібір жіберсеңіз, растауыңыз сұралады.", "Если новая не нужна, откройте имеющуюся. Если всё же отправите новую, мы попросим подтвердить.";
    ConfirmDuplicate => "Бұл қызмет бойынша өтінішіңіз бар (жоғарыда). Жаңасын бәрібір жіберу үшін «Бәрібір жіберу» батырмасын басыңыз.", "У вас уже есть заявка по этой услуге (см. выше). Чтобы всё же отправить новую, нажмите «Всё равно отправить».";
    SendAnyway => "Бәрібір жіберу", "Всё равно отправить";
    ErrorSummaryTitle => "Мәселе бар: төмендегі өрістерді түзетіңіз", "Есть ошибки: исправьте поля ниже";
    Sending => "Жіберілуде…", "Отправляем…";
    ResumeDraft => "Жобаны толтыруды жалғастыру", "Продолжить заполнение черновика";
    Footer => "Сұрақтар мен шағымдар бойынша: 1414 (тегін)", "Вопросы и жалобы: 1414 (бесплатно)";
}

/// Which Russian form a number takes: 1, 21 день; 2–4, 22 дня; 5–20, 25 дней.
fn russian_form<'a>(n: u32, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    if n % 10 == 1 && n % 100 != 11 {
        one
    } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
        few
    } else {
        many
    }
}

/// A step's limit as the handbook writes it: "15 минут", "2 часа", "8 рабочих дней", "within the
/// term of the service".
pub fn limit_text(limit: Limit) -> Text {
    match limit {
        Limit::WorkingMinutes(minutes) if minutes % 60 == 0 => {
            let hours = minutes / 60;
            Text {
                kk: format!("{hours} сағат").into(),
                ru: format!("{hours} {}", russian_form(hours, "час", "часа", "часов")).into(),
            }
        }
        Limit::WorkingMinutes(minutes) => Text {
            kk: format!("{minutes} минут").into(),
            ru: format!("{minutes} {}", russian_form(minutes, "минута", "минуты", "минут")).into(),
        },
        Limit::WorkingDays(days) => term_text(Term::WorkingDays(days)),
        Limit::WithinTerm => {
            Text::new("қызмет көрсету мерзімі ішінде", "в пределах срока оказания услуги")
        }
    }
}

/// A term as people say it: "10 жұмыс күні", "15 календарных дней".
pub fn term_text(term: Term) -> Text {
    let (days, working) = match term {
        Term::WorkingDays(days) => (days, true),
        Term::CalendarDays(days) => (days, false),
    };
    // Russian agrees the noun and adjective with the number; Kazakh does not inflect after numerals.
    let one = days % 10 == 1 && days % 100 != 11;
    let noun = russian_form(u32::from(days), "день", "дня", "дней");
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

/// The language the address begins with, else the remembered one; the browser's own setting
/// decides the first visit.
pub fn initial_lang() -> Lang {
    let window = web_sys::window();
    let in_address = window
        .as_ref()
        .and_then(|w| w.location().pathname().ok())
        .and_then(|p| routes::lang_of(&p));
    if let Some(lang) = in_address {
        return lang;
    }
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

/// Names the screen's address in each language in the document's head (`<link rel="alternate"
/// hreflang>`), so search engines and tools offer each reader their own.
pub fn name_twins(path: &str) {
    let Some(window) = web_sys::window() else { return };
    let (Some(document), Ok(origin)) = (window.document(), window.location().origin()) else {
        return;
    };
    let Some(head) = document.head() else { return };
    for lang in [Lang::Kk, Lang::Ru] {
        let selector = format!("link[rel=alternate][hreflang={}]", lang.code());
        let link = match document.query_selector(&selector).ok().flatten() {
            Some(link) => link,
            None => match document.create_element("link") {
                Ok(link) => {
                    let _ = link.set_attribute("rel", "alternate");
                    let _ = link.set_attribute("hreflang", lang.code());
                    let _ = head.append_child(&link);
                    link
                }
                Err(_) => continue,
            },
        };
        let _ = link.set_attribute("href", &format!("{origin}{}", routes::in_lang(lang, path)));
    }
}

const STORAGE_KEY: &str = "qyzmet.lang";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_translated() {
        for (name, key) in Key::ALL {
            let text = key.text();
            assert!(!text.is_incomplete(), "{name} is missing a language");
            assert_ne!(text.kk, text.ru, "{name} is the same in both languages");
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
