-- Registries (реестр / тізілім): the paper that travels between a CSC and a provider with the
-- courier — packages filed at the centre to the provider, signed results back to the centre.
-- The receiving side marks each item and accepts the registry, or refuses it with the reason.
CREATE TABLE csc_registries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    direction TEXT NOT NULL CHECK (direction IN ('to_provider', 'to_csc')),
    csc TEXT NOT NULL,
    provider TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sent', 'accepted', 'refused')),
    formed_by BIGINT NOT NULL REFERENCES accounts (id),
    formed_at BIGINT NOT NULL,
    received_by BIGINT REFERENCES accounts (id),
    received_at BIGINT,
    reason TEXT NOT NULL
);
CREATE INDEX csc_registries_csc ON csc_registries (csc, formed_at);
CREATE INDEX csc_registries_provider ON csc_registries (provider, formed_at);

-- The requests a registry lists, in order, and whether the receiving side found their documents
-- (1), did not (0), or has not marked them yet (NULL).
CREATE TABLE csc_registry_items (
    registry_id BIGINT NOT NULL REFERENCES csc_registries (id),
    request_id BIGINT NOT NULL REFERENCES requests (id),
    position BIGINT NOT NULL,
    present BIGINT CHECK (present IN (0, 1)),
    PRIMARY KEY (registry_id, request_id)
);
CREATE INDEX csc_registry_items_request ON csc_registry_items (request_id);

-- An e-mail that carries the request's signed result as a PDF attachment (the document as
-- issued, read at delivery): a CSC operator sends the result to the applicant's e-mail instead of
-- handing the paper over.
ALTER TABLE mail_outbox ADD COLUMN attach_result BIGINT NOT NULL DEFAULT 0;
