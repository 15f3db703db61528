-- The local stand-in for the state databases of individuals (ГБД ФЛ) and of legal entities
-- (ГБД ЮЛ). Production consults the real ones through the e-government gateway behind the same
-- trait (backend/src/registry.rs); these tables are seeded with the demo people and companies.
CREATE TABLE registry_people (
    iin TEXT PRIMARY KEY,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT NOT NULL,
    birth_date TEXT NOT NULL
);

CREATE TABLE registry_companies (
    bin TEXT PRIMARY KEY,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    head_iin TEXT NOT NULL
);
