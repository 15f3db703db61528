-- The result document as issued: the PDF (base64) made once when first asked for after the head
-- signed, kept as made so that the file a person saved verifies byte for byte later; the digest
-- of the PDF finds it from an uploaded file, the digest of its content is what its QR code carries.
CREATE TABLE result_documents (
    request_id BIGINT PRIMARY KEY REFERENCES requests (id),
    pdf TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL UNIQUE,
    content_sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
