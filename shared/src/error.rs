//! The one error body of the API: a stable code for programs, a message in both languages for
//! people, and the field it concerns when there is one.

use serde::{Deserialize, Serialize};

use crate::form::FieldError;
use crate::id::IdError;
use crate::lang::Text;

/// Stable error codes. They are part of the API: never rename one, only add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ErrorCode {
    NotFound,
    BadRequest,
    InvalidIin,
    InvalidBin,
    /// The IIN/BIN and password do not match an account.
    InvalidCredentials,
    /// The request needs a signed-in user.
    NotSignedIn,
    /// Too many attempts in a short time; try again later.
    TooManyAttempts,
    /// The form has mistakes; `fields` lists them.
    InvalidForm,
    /// The state registry has no data on the applicant.
    NoRegistryData,
    /// The state database «Е-лицензиялау» records violations in the applicant's data, so the
    /// service is refused (002 p. 10 (12), p. 11 (11)); distinct from `NoRegistryData`.
    ApplicantDataViolations,
    /// The request's status does not allow this action.
    NotAllowedNow,
    /// The signed-in role may not do this.
    Forbidden,
    /// The 2 working days in which an incomplete package may be refused have passed.
    PastCompletenessCheck,
    /// Not a CMS SignedData with one signer, or the signed data is missing.
    SignatureMalformed,
    /// The signature does not match the data or the signer's key.
    SignatureInvalid,
    /// The certificate does not chain to a trusted certification authority.
    CertificateUntrusted,
    /// The certificate's validity period has ended.
    CertificateExpired,
    /// The certificate's validity period has not begun.
    CertificateNotYetValid,
    /// Whether the certificate is revoked cannot be told now: the revocation list has passed its
    /// next update, or the CA's status service did not answer.
    RevocationUnknown,
    /// The signature or key algorithm is not one the portal verifies.
    AlgorithmUnsupported,
    /// The signature carries a timestamp token that does not hold: not the authority's, not over
    /// this signature, or not from a trusted time-stamping authority.
    TimestampInvalid,
    /// The time-stamping authority gave no token the portal could trust for a result being
    /// signed: nothing was signed.
    TimestampUnavailable,
    /// The person already keeps as many unfiled drafts as one may.
    TooManyDrafts,
    /// The draft changed (its form or documents) after it was signed and before it was filed: the
    /// signature does not cover what would be filed.
    ChangedWhileSigning,
    /// A retry's `Idempotency-Key` was used before for this request with another body.
    IdempotencyKeyReused,
    /// The certification authority revoked the certificate.
    CertificateRevoked,
    /// The certificate is not for signing (an authentication key, say).
    CertificateWrongUsage,
    /// The IIN/BIN in the certificate is not the applicant's.
    SignerMismatch,
    /// The certificate names the company, but its holder is neither the first head nor an
    /// employee with the right to sign.
    NoCompanyAuthority,
    /// The sign-in challenge is unknown, used or expired.
    ChallengeExpired,
    /// No account has the BIN of the sign-in certificate (a person's account opens on their first
    /// sign-in; a company's does not).
    UnknownSigner,
    /// The password was right, but the account is staff (a provider's people, a centre's operator,
    /// the administrator): they sign in with their digital signature only.
    SignatureRequired,
    /// An attached file is larger than `attachment::MAX_BYTES`.
    FileTooLarge,
    /// An attached file is empty, or not a PDF, JPEG or PNG by its content.
    UnsupportedFile,
    /// The caller holds no power of attorney in force from that person or company for this
    /// service (never granted, revoked or expired).
    NoPowerOfAttorney,
    /// An eGov Mobile signing session is unknown, past its time, or its token is wrong.
    MobileSignExpired,
    /// An eGov Mobile signing session was read or signed already, or cancelled on the page.
    MobileSignUsed,
    Conflict,
    Unavailable,
    Internal,
}

impl ErrorCode {
    /// The HTTP status the server answers with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::NotFound => 404,
            ErrorCode::BadRequest
            | ErrorCode::InvalidIin
            | ErrorCode::InvalidBin
            | ErrorCode::InvalidForm
            | ErrorCode::NoRegistryData
            | ErrorCode::ApplicantDataViolations
            | ErrorCode::SignatureMalformed
            | ErrorCode::SignatureInvalid
            | ErrorCode::CertificateUntrusted
            | ErrorCode::CertificateExpired
            | ErrorCode::CertificateNotYetValid
            | ErrorCode::RevocationUnknown
            | ErrorCode::AlgorithmUnsupported
            | ErrorCode::TimestampInvalid
            | ErrorCode::CertificateRevoked
            | ErrorCode::CertificateWrongUsage
            | ErrorCode::SignerMismatch
            | ErrorCode::NoCompanyAuthority
            | ErrorCode::ChallengeExpired
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::UnsupportedFile => 422,
            ErrorCode::FileTooLarge => 413,
            ErrorCode::InvalidCredentials | ErrorCode::NotSignedIn | ErrorCode::UnknownSigner => {
                401
            }
            ErrorCode::TooManyAttempts => 429,
            ErrorCode::Forbidden
            | ErrorCode::NoPowerOfAttorney
            | ErrorCode::SignatureRequired
            | ErrorCode::MobileSignExpired
            | ErrorCode::MobileSignUsed => 403,
            ErrorCode::NotAllowedNow
            | ErrorCode::Conflict
            | ErrorCode::PastCompletenessCheck
            | ErrorCode::ChangedWhileSigning
            | ErrorCode::TooManyDrafts => 409,
            ErrorCode::Unavailable | ErrorCode::TimestampUnavailable => 503,
            ErrorCode::Internal => 500,
        }
    }

    /// The message a person reads: what went wrong and what to do next. Inlined, so that a
    /// caller naming its code gets that one message, not the whole table (issue 16: the
    /// public app makes three codes, and the table is 17 KB).
    #[inline]
    #[allow(clippy::too_many_lines, reason = "a table: one message per code, all in one place")]
    pub fn message(self) -> Text {
        match self {
            ErrorCode::NotFound => Text::new(
                "Сұралған бет немесе жазба табылмады. Мекенжайды тексеріңіз.",
                "Запрошенная страница или запись не найдена. Проверьте адрес.",
            ),
            ErrorCode::BadRequest => Text::new(
                "Сұрау дұрыс толтырылмаған. Белгіленген өрістерді түзетіп, қайта жіберіңіз.",
                "Запрос заполнен неверно. Исправьте отмеченные поля и отправьте снова.",
            ),
            ErrorCode::InvalidIin => Text::new(
                "ЖСН дұрыс емес: 12 цифрды жеке куәлігіңіздегідей енгізіңіз.",
                "ИИН указан неверно: введите 12 цифр так, как в удостоверении личности.",
            ),
            ErrorCode::InvalidBin => Text::new(
                "БСН дұрыс емес: тіркеу куәлігіндегі 12 цифрды енгізіңіз.",
                "БИН указан неверно: введите 12 цифр из справки о регистрации.",
            ),
            ErrorCode::InvalidCredentials => Text::new(
                "ЖСН/БСН немесе құпиясөз қате. Деректерді тексеріп, қайта кіріңіз.",
                "Неверный ИИН/БИН или пароль. Проверьте данные и войдите снова.",
            ),
            ErrorCode::NotSignedIn => {
                Text::new("Жалғастыру үшін жүйеге кіріңіз.", "Чтобы продолжить, войдите в систему.")
            }
            ErrorCode::TooManyAttempts => Text::new(
                "Әрекеттер тым көп. 15 минуттан кейін қайталаңыз.",
                "Слишком много попыток. Повторите через 15 минут.",
            ),
            ErrorCode::InvalidForm => Text::new(
                "Өтініште қателер бар. Белгіленген өрістерді түзетіңіз.",
                "В заявке есть ошибки. Исправьте отмеченные поля.",
            ),
            ErrorCode::NoRegistryData => Text::new(
                "Мемлекеттік деректер қорынан өтініш беруші туралы деректер алу мүмкін болмады. Деректеріңізді тексеру үшін ХҚО-ға жүгініңіз.",
                "Из государственной базы данных не удалось получить данные заявителя. Обратитесь в ЦОН, чтобы проверить свои данные.",
            ),
            ErrorCode::ApplicantDataViolations => Text::new(
                "«Е-лицензиялау» мемлекеттік деректер базасында өтініш берушінің деректерінде бұзушылықтар бар, сондықтан сұратылған қызметті көрсетуден бас тартылды. Деректерді түзету үшін қызмет берушіге жүгініңіз.",
                "В государственной базе данных «Е-лицензирование» в данных заявителя есть нарушения, поэтому в оказании запрошенной услуги отказано. Чтобы исправить данные, обратитесь к услугодателю.",
            ),
            ErrorCode::NotAllowedNow => Text::new(
                "Өтініштің қазіргі мәртебесінде бұл әрекет мүмкін емес. Бетті жаңартыңыз.",
                "В текущем статусе заявки это действие невозможно. Обновите страницу.",
            ),
            ErrorCode::Forbidden => {
                Text::new("Бұл әрекетке құқығыңыз жоқ.", "У вас нет права на это действие.")
            }
            ErrorCode::PastCompletenessCheck => Text::new(
                "Құжаттардың толықтығын тексеруге берілген 2 жұмыс күні өтті: өтінішті мәні бойынша қарап, нәтижесін (анықтама немесе дәлелді бас тарту) дайындаңыз.",
                "Два рабочих дня на проверку полноты документов истекли: рассмотрите заявку по существу и подготовьте результат (справку или мотивированный отказ).",
            ),
            ErrorCode::SignatureMalformed => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: қолтаңба құрылымы танылмады. Өтінішке қайта қол қойыңыз.",
                "Подлинность подписи не подтверждена: структура подписи не распознана. Подпишите заявку заново.",
            ),
            ErrorCode::SignatureInvalid => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: қолтаңба деректерге сәйкес келмейді. Өтінішке қайта қол қойыңыз.",
                "Подлинность подписи не подтверждена: подпись не соответствует данным. Подпишите заявку заново.",
            ),
            ErrorCode::CertificateUntrusted => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: сертификатты сенімді куәландырушы орталық бермеген. ҰКО берген кілтпен қол қойыңыз.",
                "Подлинность подписи не подтверждена: сертификат выдан не доверенным удостоверяющим центром. Подпишите ключом, выданным НУЦ.",
            ),
            ErrorCode::CertificateExpired => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: сертификаттың қолданылу мерзімі өткен. ҰКО-дан жаңа кілт алыңыз.",
                "Подлинность подписи не подтверждена: срок действия сертификата истек. Получите новый ключ в НУЦ.",
            ),
            ErrorCode::CertificateNotYetValid => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: сертификаттың қолданылу мерзімі әлі басталмаған. Компьютеріңіздегі күн мен уақытты тексеріп, сертификат күшіне енгенде қайта қол қойыңыз.",
                "Подлинность подписи не подтверждена: срок действия сертификата еще не начался. Проверьте дату и время на компьютере и подпишите снова, когда сертификат вступит в силу.",
            ),
            ErrorCode::RevocationUnknown => Text::new(
                "Сертификаттың кері қайтарылмағанын қазір тексеру мүмкін емес: ҰКО-ның кері қайтарылған сертификаттар тізімі ескірген немесе ҰКО қызметі жауап бермеді. Ештеңе сақталмады; бірнеше минуттан кейін қайта қол қойыңыз.",
                "Сейчас невозможно проверить, не отозван ли сертификат: список отозванных сертификатов НУЦ устарел или служба НУЦ не ответила. Ничего не сохранено; подпишите снова через несколько минут.",
            ),
            ErrorCode::TimestampInvalid => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: оның уақыт белгісі расталмады (белгі осы қолтаңбаға берілмеген немесе сенімді уақыт белгілері қызметінен емес). Қайта қол қойыңыз.",
                "Подлинность подписи не подтверждена: ее метка времени не подтверждена (метка выдана не для этой подписи или не доверенной службой меток времени). Подпишите заново.",
            ),
            ErrorCode::TimestampUnavailable => Text::new(
                "Нәтижеге қол қойылмады: уақыт белгілері қызметі (ҰКО TSP) жауап бермеді немесе сенімсіз белгі берді. Ештеңе сақталмады; бірнеше минуттан кейін қайта қол қойыңыз.",
                "Результат не подписан: служба меток времени (TSP НУЦ) не ответила или выдала недоверенную метку. Ничего не сохранено; подпишите снова через несколько минут.",
            ),
            ErrorCode::TooManyDrafts => Text::new(
                "Сізде жіберілмеген жобалар тым көп (50). Қажет емес жобаларды «Қызметтерді алу тарихы» бөлімінде жойып, қайта көріңіз.",
                "У вас слишком много неотправленных черновиков (50). Удалите ненужные в «Истории получения услуг» и попробуйте снова.",
            ),
            ErrorCode::ChangedWhileSigning => Text::new(
                "Өтініш қол қойылғаннан кейін өзгерді (өрістер немесе құжаттар), сондықтан жіберілмеді. Өтінішті тексеріп, қайта қол қойыңыз.",
                "Заявка изменилась после подписания (поля или документы), поэтому не отправлена. Проверьте заявку и подпишите заново.",
            ),
            ErrorCode::IdempotencyKeyReused => Text::new(
                "Бұл өтініш осы кілтпен (Idempotency-Key) басқа қолтаңбамен жіберілген. Өтініштің күйін жаңартып қараңыз; қайта жіберу үшін жаңа кілт алыңыз.",
                "Эта заявка уже отправлялась с этим ключом (Idempotency-Key) и другой подписью. Обновите статус заявки; для новой отправки возьмите новый ключ.",
            ),
            ErrorCode::AlgorithmUnsupported => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: портал бұл қол қою алгоритмін тексермейді. ҰКО берген ГОСТ, RSA немесе ECDSA кілтімен қол қойыңыз.",
                "Подлинность подписи не подтверждена: портал не проверяет этот алгоритм подписи. Подпишите ключом ГОСТ, RSA или ECDSA, выданным НУЦ.",
            ),
            ErrorCode::CertificateRevoked => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: сертификат кері қайтарылған. ҰКО-дан жаңа кілт алыңыз.",
                "Подлинность подписи не подтверждена: сертификат отозван. Получите новый ключ в НУЦ.",
            ),
            ErrorCode::CertificateWrongUsage => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: бұл кілт осы әрекетке арналмаған. Қол қою үшін қол қою кілтін («SIGN»), кіру үшін кіру кілтін («AUTH») таңдаңыз.",
                "Подлинность подписи не подтверждена: этот ключ не предназначен для этого действия. Для подписи выберите ключ подписи («SIGN»), для входа — ключ аутентификации («AUTH»).",
            ),
            ErrorCode::SignerMismatch => Text::new(
                "Қолтаңбаның түпнұсқалығы расталмады: сертификаттағы ЖСН/БСН қол қоюға тиіс тұлғаныкі емес (өтініш беруші, оның өкілі, сенім білдіруші немесе нәтижеге қол қоятын басшы). Өз кілтіңізбен қол қойыңыз.",
                "Подлинность подписи не подтверждена: ИИН/БИН в сертификате не того, кто должен подписать (заявителя, его представителя, доверителя или руководителя, подписывающего результат). Подпишите своим ключом.",
            ),
            ErrorCode::NoCompanyAuthority => Text::new(
                "Ұйымның атынан тек бірінші басшы немесе қол қою құқығы бар қызметкер қол қоя алады, ал бұл сертификат қарапайым қызметкерге берілген. Басшының кілтімен қол қойыңыз немесе ұйымнан сенімхат алыңыз.",
                "От имени организации подписывают только первый руководитель или сотрудник с правом подписи, а этот сертификат выдан рядовому сотруднику. Подпишите ключом руководителя или получите доверенность от организации.",
            ),
            ErrorCode::ChallengeExpired => Text::new(
                "Кіру уақыты өтіп кетті. Кілтпен қайта қол қойыңыз.",
                "Время на вход истекло. Подпишите ключом еще раз.",
            ),
            ErrorCode::UnknownSigner => Text::new(
                "Порталда сертификаттағы БСН бойынша ұйымның тіркелгісі жоқ. Ұйымды тіркеу үшін ХҚО-ға жүгініңіз немесе құпиясөзбен кіріңіз.",
                "На портале нет учетной записи организации с БИН из сертификата. Чтобы зарегистрировать организацию, обратитесь в ЦОН или войдите по паролю.",
            ),
            ErrorCode::SignatureRequired => Text::new(
                "Қызметкерлер порталға тек ЭЦҚ арқылы кіреді: кіру кілтіңізді («AUTH») таңдап, онымен кіріңіз.",
                "Сотрудники входят на портал только по ЭЦП: выберите ключ для входа («AUTH») и войдите с ним.",
            ),
            ErrorCode::NoPowerOfAttorney => Text::new(
                "Бұл тұлғаның атынан осы қызметке күшіндегі сенімхатыңыз жоқ (берілмеген, кері қайтарылған немесе мерзімі өткен). Сенім білдірушіден жеке кабинетте сенімхат беруін сұраңыз.",
                "У вас нет действующей доверенности от этого лица на эту услугу (не выдана, отозвана или истекла). Попросите доверителя выдать доверенность в личном кабинете.",
            ),
            ErrorCode::MobileSignExpired => Text::new(
                "Қол қою сұрауының уақыты өтіп кеткен немесе ол жарамсыз. Порталдағы бетте қол қоюды қайта бастап, жаңа QR кодты сканерлеңіз.",
                "Запрос на подпись истёк или недействителен. Начните подписание заново на странице портала и отсканируйте новый QR-код.",
            ),
            ErrorCode::MobileSignUsed => Text::new(
                "Бұл QR код бойынша қол қойылып қойған немесе қол қою тоқтатылған. Қайта қол қою үшін порталдан жаңа QR код алыңыз.",
                "По этому QR-коду подпись уже отправлена или подписание отменено. Чтобы подписать снова, получите на портале новый QR-код.",
            ),
            ErrorCode::Conflict => Text::new(
                "Мұндай жазба бар. Деректерді тексеріңіз.",
                "Такая запись уже существует. Проверьте данные.",
            ),
            ErrorCode::Unavailable => Text::new(
                "Қызмет уақытша қолжетімсіз. Бірнеше минуттан кейін қайталаңыз.",
                "Сервис временно недоступен. Повторите через несколько минут.",
            ),
            ErrorCode::FileTooLarge => Text::new(
                "Файл тым үлкен: 10 МБ-тан аспауы керек. Құжатты кішірек ажыратымдылықпен сканерлеңіз.",
                "Файл слишком большой: не более 10 МБ. Отсканируйте документ с меньшим разрешением.",
            ),
            ErrorCode::UnsupportedFile => Text::new(
                "Бұл файл PDF, JPEG немесе PNG емес (немесе бос). Құжаттың сканерленген көшірмесін осы пішімдердің бірінде тіркеңіз.",
                "Этот файл не PDF, JPEG или PNG (или пуст). Приложите скан документа в одном из этих форматов.",
            ),
            ErrorCode::Internal => Text::new(
                "Серверде қате шықты. Кейінірек қайталаңыз; қате қайталанса, қолдау қызметіне хабарласыңыз.",
                "На сервере произошла ошибка. Повторите позже; если ошибка повторится, обратитесь в поддержку.",
            ),
        }
    }

    pub const ALL: [ErrorCode; 40] = [
        ErrorCode::MobileSignExpired,
        ErrorCode::MobileSignUsed,
        ErrorCode::NoPowerOfAttorney,
        ErrorCode::SignatureRequired,
        ErrorCode::FileTooLarge,
        ErrorCode::UnsupportedFile,
        ErrorCode::ChallengeExpired,
        ErrorCode::UnknownSigner,
        ErrorCode::SignatureMalformed,
        ErrorCode::SignatureInvalid,
        ErrorCode::CertificateUntrusted,
        ErrorCode::CertificateExpired,
        ErrorCode::CertificateNotYetValid,
        ErrorCode::RevocationUnknown,
        ErrorCode::AlgorithmUnsupported,
        ErrorCode::TimestampInvalid,
        ErrorCode::TimestampUnavailable,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::ChangedWhileSigning,
        ErrorCode::TooManyDrafts,
        ErrorCode::CertificateRevoked,
        ErrorCode::CertificateWrongUsage,
        ErrorCode::SignerMismatch,
        ErrorCode::NoCompanyAuthority,
        ErrorCode::NoRegistryData,
        ErrorCode::ApplicantDataViolations,
        ErrorCode::PastCompletenessCheck,
        ErrorCode::InvalidForm,
        ErrorCode::NotAllowedNow,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::BadRequest,
        ErrorCode::InvalidIin,
        ErrorCode::InvalidBin,
        ErrorCode::InvalidCredentials,
        ErrorCode::NotSignedIn,
        ErrorCode::TooManyAttempts,
        ErrorCode::Conflict,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
    ];
}

/// The body of every non-2xx answer of `/api/v1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: Text,
    /// The request field the error is about, so a form can show it next to that field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every field of a form that did not pass, each with its own message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ApiError {
    #[inline]
    pub fn new(code: ErrorCode) -> ApiError {
        ApiError { code, message: code.message(), field: None, fields: Vec::new() }
    }

    /// An IIN/BIN field that does not parse, with the reason in the message.
    pub fn invalid_id_number(field: &str, why: IdError) -> ApiError {
        let code = if why == IdError::BinStructure {
            ErrorCode::InvalidBin
        } else {
            ErrorCode::InvalidIin
        };
        ApiError { code, message: why.message(), field: Some(field.to_owned()), fields: Vec::new() }
    }

    /// `too_many_attempts`, saying when the next call is let through: in `wait_seconds`, in
    /// whole minutes rounded up.
    pub fn too_many_attempts(wait_seconds: i64) -> ApiError {
        let minutes = whole_minutes(wait_seconds);
        let message = Text {
            kk: format!("Әрекеттер тым көп. {minutes} минуттан кейін қайталаңыз.").into(),
            ru: format!("Слишком много попыток. Повторите через {minutes} мин.").into(),
        };
        ApiError { message, ..ApiError::new(ErrorCode::TooManyAttempts) }
    }

    /// A form with mistakes: each field's message travels with it.
    pub fn invalid_form(fields: Vec<FieldError>) -> ApiError {
        ApiError { fields, ..ApiError::new(ErrorCode::InvalidForm) }
    }

    #[must_use]
    pub fn on_field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }
}

/// A wait in whole minutes, rounded up: at least one.
pub fn whole_minutes(wait_seconds: i64) -> i64 {
    (wait_seconds.max(1) + 59) / 60
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message.ru)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_both_languages() {
        for code in ErrorCode::ALL {
            assert!(!code.message().is_incomplete(), "{code:?}");
            assert!((400..600).contains(&code.http_status()));
        }
    }

    #[test]
    fn too_many_attempts_says_in_whole_minutes_when_to_call_again() {
        for (wait, minutes) in [(1, "1"), (59, "1"), (60, "1"), (61, "2"), (600, "10"), (0, "1")] {
            let error = ApiError::too_many_attempts(wait);
            assert_eq!(error.code, ErrorCode::TooManyAttempts);
            assert_eq!(
                error.message.kk,
                format!("Әрекеттер тым көп. {minutes} минуттан кейін қайталаңыз.")
            );
            assert_eq!(
                error.message.ru,
                format!("Слишком много попыток. Повторите через {minutes} мин.")
            );
        }
    }

    #[test]
    fn codes_are_stable_strings() {
        let body =
            serde_json::to_value(ApiError::new(ErrorCode::InvalidIin).on_field("iin")).unwrap();
        assert_eq!(body["code"], "invalid_iin");
        assert_eq!(body["field"], "iin");
        assert!(body["message"]["kk"].as_str().unwrap().contains("ЖСН"));
        assert!(body["message"]["ru"].as_str().unwrap().contains("ИИН"));
    }
}
