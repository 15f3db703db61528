//! The catalog: which state bodies provide which services. A regulation is data; the full
//! declarations (forms, steps, templates) grow from these entries.

use serde::{Deserialize, Serialize};

use crate::lang::Text;

/// The four services of the regulations, by their stable codes (used in URLs and the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ServiceCode {
    ForeignPeriodicals,
    ForeignMedia,
    PeriodicalsRegistration,
    ArchivalCertificate,
}

impl ServiceCode {
    pub const ALL: [ServiceCode; 4] = [
        ServiceCode::ForeignPeriodicals,
        ServiceCode::ForeignMedia,
        ServiceCode::PeriodicalsRegistration,
        ServiceCode::ArchivalCertificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceCode::ForeignPeriodicals => "foreign-periodicals",
            ServiceCode::ForeignMedia => "foreign-media",
            ServiceCode::PeriodicalsRegistration => "periodicals-registration",
            ServiceCode::ArchivalCertificate => "archival-certificate",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceCode> {
        ServiceCode::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// How a term is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "days", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Term {
    WorkingDays(u16),
    CalendarDays(u16),
}

/// Where a person may get a service, as its regulation allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The e-government portal: this application.
    Portal,
    /// A citizen service centre, through its operator.
    Csc,
    /// The provider's own chancellery.
    Provider,
}

impl Channel {
    pub fn title(self) -> Text {
        match self {
            Channel::Portal => Text::new(
                "«Электрондық үкімет» веб-порталы",
                "Веб-портал «электронного правительства»",
            ),
            Channel::Csc => Text::new(
                "Халыққа қызмет көрсету орталығы (ХҚО)",
                "Центр обслуживания населения (ЦОН)",
            ),
            Channel::Provider => Text::new("Қызмет берушінің кеңсесі", "Канцелярия услугодателя"),
        }
    }
}

/// What a catalog card and the service page show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    pub code: ServiceCode,
    pub title: Text,
    pub summary: Text,
    pub result: Text,
    pub term: Term,
    pub channels: Vec<Channel>,
    /// The provider's phone for information and complaints, where the regulation gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// How long a centre takes the documents in, in minutes, where the regulation says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter_minutes: Option<u32>,
    /// Its kinds and the scanned documents each needs, as its regulation declares them: the
    /// service page shows them without carrying the regulations into the browser's first load.
    pub kinds: Vec<KindOffered>,
}

/// A kind of a service as the catalog offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindOffered {
    pub code: String,
    pub title: Text,
    /// The scanned documents an application of this kind needs.
    pub documents: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BodyKind {
    Ministry,
    Region,
    City,
}

/// A state body that provides services: the ministry's committee, or the akimat of a region or
/// of a city of republican significance (through its departments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateBody {
    /// A stable slug, used in URLs.
    pub id: String,
    pub kind: BodyKind,
    pub name: Text,
    pub services: Vec<ServiceCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    pub bodies: Vec<StateBody>,
    pub services: Vec<Service>,
}

impl Catalog {
    pub fn service(&self, code: ServiceCode) -> Option<&Service> {
        self.services.iter().find(|s| s.code == code)
    }

    pub fn body(&self, id: &str) -> Option<&StateBody> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The bodies that provide a service.
    pub fn providers(&self, code: ServiceCode) -> impl Iterator<Item = &StateBody> {
        self.bodies.iter().filter(move |b| b.services.contains(&code))
    }
}

const REGIONAL_SERVICES: [ServiceCode; 3] =
    [ServiceCode::ForeignPeriodicals, ServiceCode::ForeignMedia, ServiceCode::ArchivalCertificate];

/// The 17 regions and 3 cities of republican significance: slug, kind, akimat's name.
const AKIMATS: [(&str, BodyKind, &str, &str); 20] = [
    ("abai", BodyKind::Region, "Абай облысының әкімдігі", "Акимат области Абай"),
    ("akmola", BodyKind::Region, "Ақмола облысының әкімдігі", "Акимат Акмолинской области"),
    ("aktobe", BodyKind::Region, "Ақтөбе облысының әкімдігі", "Акимат Актюбинской области"),
    ("almaty-region", BodyKind::Region, "Алматы облысының әкімдігі", "Акимат Алматинской области"),
    ("atyrau", BodyKind::Region, "Атырау облысының әкімдігі", "Акимат Атырауской области"),
    (
        "west-kazakhstan",
        BodyKind::Region,
        "Батыс Қазақстан облысының әкімдігі",
        "Акимат Западно-Казахстанской области",
    ),
    ("zhambyl", BodyKind::Region, "Жамбыл облысының әкімдігі", "Акимат Жамбылской области"),
    ("zhetysu", BodyKind::Region, "Жетісу облысының әкімдігі", "Акимат области Жетісу"),
    (
        "karaganda",
        BodyKind::Region,
        "Қарағанды облысының әкімдігі",
        "Акимат Карагандинской области",
    ),
    ("kostanay", BodyKind::Region, "Қостанай облысының әкімдігі", "Акимат Костанайской области"),
    (
        "kyzylorda",
        BodyKind::Region,
        "Қызылорда облысының әкімдігі",
        "Акимат Кызылординской области",
    ),
    ("mangystau", BodyKind::Region, "Маңғыстау облысының әкімдігі", "Акимат Мангистауской области"),
    ("pavlodar", BodyKind::Region, "Павлодар облысының әкімдігі", "Акимат Павлодарской области"),
    (
        "north-kazakhstan",
        BodyKind::Region,
        "Солтүстік Қазақстан облысының әкімдігі",
        "Акимат Северо-Казахстанской области",
    ),
    ("turkistan", BodyKind::Region, "Түркістан облысының әкімдігі", "Акимат Туркестанской области"),
    ("ulytau", BodyKind::Region, "Ұлытау облысының әкімдігі", "Акимат области Ұлытау"),
    (
        "east-kazakhstan",
        BodyKind::Region,
        "Шығыс Қазақстан облысының әкімдігі",
        "Акимат Восточно-Казахстанской области",
    ),
    ("astana", BodyKind::City, "Астана қаласының әкімдігі", "Акимат города Астаны"),
    ("almaty", BodyKind::City, "Алматы қаласының әкімдігі", "Акимат города Алматы"),
    ("shymkent", BodyKind::City, "Шымкент қаласының әкімдігі", "Акимат города Шымкент"),
];

/// The service with the catalog's texts of it, and what its regulation declares: its term,
/// channels, phone, the centre's time and its kinds.
fn declared(code: ServiceCode, title: Text, summary: Text, result: Text) -> Service {
    let regulation = code.def();
    let kinds = regulation.kinds.iter().map(|kind| KindOffered {
        code: kind.code.to_owned(),
        title: kind.title.clone(),
        documents: kind.documents.iter().map(|document| document.label.clone()).collect(),
    });
    Service {
        code,
        title,
        summary,
        result,
        term: regulation.term,
        channels: regulation.channels.to_vec(),
        phone: regulation.phone.map(str::to_owned),
        counter_minutes: regulation.counter_minutes,
        kinds: kinds.collect(),
    }
}

fn services() -> Vec<Service> {
    vec![
        declared(
            ServiceCode::ForeignPeriodicals,
            Text::new(
                "Облыс аумағында таралатын шетелдік мерзімді баспасөз басылымдарын есепке алу",
                "Учет иностранных периодических печатных изданий, распространяемых на территории области",
            ),
            Text::new(
                "Шетелдік газет пен журналды облыста таратуға есепке қою. Облыс әкімдігінің ішкі саясат басқармасы көрсетеді.",
                "Постановка на учет иностранной газеты или журнала для распространения в области. Оказывает управление внутренней политики акимата.",
            ),
            Text::new(
                "Есепке алу туралы анықтама немесе дәлелді бас тарту",
                "Справка об учете или мотивированный отказ",
            ),
        ),
        declared(
            ServiceCode::ForeignMedia,
            Text::new(
                "Облыс аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке алу",
                "Учет иностранных средств массовой информации, распространяемых на территории области",
            ),
            Text::new(
                "Шетелдік журналды, газетті, телеарнаны немесе радионы облыста таратуға есепке қою.",
                "Учет иностранного журнала, газеты, телеканала или радио для распространения в области.",
            ),
            Text::new(
                "Ағымдағы жылдың 31 желтоқсанына дейін жарамды анықтама немесе дәлелді бас тарту",
                "Справка, действительная до 31 декабря текущего года, или мотивированный отказ",
            ),
        ),
        declared(
            ServiceCode::PeriodicalsRegistration,
            Text::new(
                "Мерзімді баспасөз басылымдарын, ақпарат агенттіктерін және желілік басылымдарды есепке қою, қайта есепке қою",
                "Постановка на учет, переучет периодических печатных изданий, информационных агентств и сетевых изданий",
            ),
            Text::new(
                "Басылымды немесе ақпарат агенттігін есепке қою не қайта есепке қою. Тек порталда электрондық түрде көрсетіледі.",
                "Постановка на учет или переучет издания либо информационного агентства. Оказывается только в электронном виде через портал.",
            ),
            Text::new(
                "Есепке қою (қайта есепке қою) туралы куәлік немесе дәлелді бас тарту",
                "Свидетельство о постановке на учет (переучет) или мотивированный отказ",
            ),
        ),
        declared(
            ServiceCode::ArchivalCertificate,
            Text::new("Мұрағаттық анықтамалар беру", "Выдача архивных справок"),
            Text::new(
                "Еңбек өтілі, жалақы, білім және басқа мәліметтер туралы мемлекеттік мұрағат құжаттарынан анықтама.",
                "Справка из документов государственного архива о стаже, заработной плате, образовании и других сведениях.",
            ),
            Text::new(
                "Мұрағаттық анықтама немесе дәлелді бас тарту",
                "Архивная справка или мотивированный отказ",
            ),
        ),
    ]
}

/// The catalog as declared.
pub fn catalog() -> Catalog {
    let ministry = StateBody {
        id: "information-committee".to_owned(),
        kind: BodyKind::Ministry,
        name: Text::new(
            "Қазақстан Республикасы Ақпарат және қоғамдық даму министрлігінің Ақпарат комитеті",
            "Комитет информации Министерства информации и общественного развития Республики Казахстан",
        ),
        services: vec![ServiceCode::PeriodicalsRegistration],
    };
    let akimats = AKIMATS.iter().map(|&(id, kind, kk, ru)| StateBody {
        id: id.to_owned(),
        kind,
        name: Text::new(kk, ru),
        services: REGIONAL_SERVICES.to_vec(),
    });
    Catalog { bodies: std::iter::once(ministry).chain(akimats).collect(), services: services() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_text_is_in_both_languages() {
        let catalog = catalog();
        for body in &catalog.bodies {
            assert!(!body.name.is_incomplete(), "{}", body.id);
        }
        for s in &catalog.services {
            for text in [&s.title, &s.summary, &s.result] {
                assert!(!text.is_incomplete(), "{:?}", s.code);
                assert_ne!(text.kk, text.ru, "{:?} is not translated", s.code);
            }
        }
    }

    #[test]
    fn every_service_is_declared_once_and_provided() {
        let catalog = catalog();
        let declared: HashSet<_> = catalog.services.iter().map(|s| s.code).collect();
        assert_eq!(declared.len(), ServiceCode::ALL.len());
        for code in ServiceCode::ALL {
            assert!(catalog.service(code).is_some());
            assert!(catalog.providers(code).next().is_some(), "{code:?} has no provider");
            assert_eq!(ServiceCode::from_code(code.as_str()), Some(code));
        }
    }

    #[test]
    fn all_regions_and_cities_provide_the_regional_services() {
        let catalog = catalog();
        assert_eq!(catalog.bodies.iter().filter(|b| b.kind == BodyKind::Region).count(), 17);
        assert_eq!(catalog.bodies.iter().filter(|b| b.kind == BodyKind::City).count(), 3);
        assert_eq!(catalog.providers(ServiceCode::ArchivalCertificate).count(), 20);
        assert_eq!(catalog.providers(ServiceCode::PeriodicalsRegistration).count(), 1);
        let ids: HashSet<_> = catalog.bodies.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids.len(), catalog.bodies.len(), "body ids are unique");
    }

    /// A CSC files what the catalog says it may, and nothing else.
    #[test]
    fn the_channels_agree_with_who_may_submit() {
        use crate::account::Role;
        use crate::workflow::{Action, Status};
        for service in catalog().services {
            let by_csc = service
                .code
                .def()
                .workflow
                .apply(
                    Status::Draft,
                    Action::Submit,
                    Role::CscOperator,
                    crate::calendar::Intake::Csc,
                )
                .is_ok();
            assert_eq!(service.channels.contains(&Channel::Csc), by_csc, "{:?}", service.code);
            assert!(service.channels.contains(&Channel::Portal));
        }
        for channel in [Channel::Portal, Channel::Csc, Channel::Provider] {
            assert!(!channel.title().is_incomplete());
        }
    }

    #[test]
    fn codes_serialize_as_in_urls() {
        let json = serde_json::to_string(&ServiceCode::ArchivalCertificate).unwrap();
        assert_eq!(json, "\"archival-certificate\"");
        let term = serde_json::to_value(Term::WorkingDays(15)).unwrap();
        assert_eq!(term, serde_json::json!({"unit": "working_days", "days": 15}));
    }
}
